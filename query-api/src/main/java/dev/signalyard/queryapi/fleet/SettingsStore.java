package dev.signalyard.queryapi.fleet;

import dev.signalyard.platform.web.InvalidRequestException;
import dev.signalyard.platform.web.Problems.FieldError;
import dev.signalyard.schemas.fleet.FleetSettings;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulation settings (key/value, the reference's key names) in PostgreSQL. Every change
 * commits together with an outbox row carrying all settings as one {@link FleetSettings} under the
 * key {@value #KEY}.
 *
 * <p>Thread-safety: thread-safe (stateless over thread-safe clients).
 */
final class SettingsStore {

  /** Key of the settings record on the fleet-settings topic. */
  static final String KEY = "simulation";

  /** Serialises changes: every PATCH locks this row first, so announcements follow commit order. */
  private static final String LOCK_ROW =
      "SELECT name FROM simulation_settings WHERE name = 'sub_time' FOR UPDATE";

  private final DatabaseClient db;
  private final TransactionalOperator transactions;
  private final Outbox outbox;
  private final JsonMapper json;
  private final SettingsRules rules;
  private final Clock clock;
  private final AvroSerde<FleetSettings> serde = AvroSerde.of(FleetSettings.class);

  SettingsStore(
      DatabaseClient db,
      TransactionalOperator transactions,
      Outbox outbox,
      JsonMapper json,
      Clock clock) {
    this.db = db;
    this.transactions = transactions;
    this.outbox = outbox;
    this.json = json;
    this.rules = new SettingsRules(json);
    this.clock = clock;
  }

  private record Setting(String name, String value, String type) {}

  /** Every setting by name: numbers as numbers, texts as strings, JSON settings parsed. */
  Mono<Map<String, Object>> all() {
    return rows()
        .collectList()
        .map(
            rows -> {
              Map<String, Object> values = new LinkedHashMap<>();
              for (Setting row : rows) {
                values.put(row.name(), typed(row));
              }
              return values;
            });
  }

  /**
   * Validates and applies a PATCH body; answers every setting afterwards.
   *
   * @throws InvalidRequestException naming every bad setting (also a {@code vagt_{id}} whose
   *     location does not exist)
   */
  Mono<Map<String, Object>> patch(Map<String, Object> body) {
    List<SettingChange> changes = rules.parse(body);
    Mono<Map<String, Object>> change =
        db.sql(LOCK_ROW)
            .then()
            .then(checkLocations(changes))
            .thenMany(Flux.fromIterable(changes).concatMap(this::apply))
            .then(announce())
            .then(all());
    return transactions.transactional(change);
  }

  /**
   * Puts the settings in the outbox when they were never announced, so that a fresh database's
   * seeded defaults reach the fleet-settings topic too. Idempotent; run once at start-up.
   */
  Mono<Void> announceSeededSettings() {
    Mono<Void> announceOnce =
        db.sql(LOCK_ROW)
            .then()
            .then(
                db.sql("SELECT 1 FROM outbox WHERE topic = :topic LIMIT 1")
                    .bind("topic", TopicCatalog.FLEET_SETTINGS.name())
                    .map(row -> true)
                    .one()
                    .hasElement())
            .flatMap(announced -> announced ? Mono.empty() : announce());
    return transactions.transactional(announceOnce);
  }

  private Mono<Void> checkLocations(List<SettingChange> changes) {
    return Flux.fromIterable(changes)
        .filter(c -> c.locationId() != null && c.value() != null)
        .concatMap(
            c ->
                db.sql("SELECT 1 FROM locations WHERE id = :id AND NOT deleted")
                    .bind("id", c.locationId())
                    .map(row -> true)
                    .one()
                    .hasElement()
                    .filter(exists -> !exists)
                    .map(
                        missing ->
                            new FieldError(
                                c.name(), "location " + c.locationId() + " does not exist")))
        .collectList()
        .flatMap(
            errors ->
                errors.isEmpty() ? Mono.empty() : Mono.error(new InvalidRequestException(errors)));
  }

  private Mono<Void> apply(SettingChange change) {
    if (change.value() == null) {
      return db.sql("DELETE FROM simulation_settings WHERE name = :name")
          .bind("name", change.name())
          .then();
    }
    return db.sql(
            "INSERT INTO simulation_settings (name, value, type) VALUES (:name, :value, :type)"
                + " ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, type = EXCLUDED.type")
        .bind("name", change.name())
        .bind("value", change.value())
        .bind("type", change.type())
        .then();
  }

  private Mono<Void> announce() {
    return rows()
        .collectMap(Setting::name, Setting::value, TreeMap::new)
        .flatMap(
            values ->
                outbox.append(
                    TopicCatalog.FLEET_SETTINGS.name(),
                    KEY,
                    serde.encode(
                        FleetSettings.newBuilder()
                            .setValues(Map.copyOf(values))
                            .setUpdatedAt(clock.instant().truncatedTo(ChronoUnit.MILLIS))
                            .build())));
  }

  private Flux<Setting> rows() {
    return db.sql("SELECT name, value, type FROM simulation_settings ORDER BY name")
        .map(
            row ->
                new Setting(
                    row.get("name", String.class),
                    row.get("value", String.class),
                    row.get("type", String.class)))
        .all();
  }

  private Object typed(Setting setting) {
    return switch (setting.type()) {
      case "number" -> new BigDecimal(setting.value());
      case "json" -> json.readValue(setting.value(), Object.class);
      default -> setting.value();
    };
  }
}
