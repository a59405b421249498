package dev.signalyard.queryapi.fleet;

import dev.signalyard.platform.web.InvalidRequestException;
import dev.signalyard.platform.web.Problems.FieldError;
import dev.signalyard.schemas.fleet.FleetVehicle;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Vehicles in PostgreSQL. Every change commits together with an outbox row carrying the new {@link
 * FleetVehicle} (key: the vehicle id). Deleting is soft: the row stays (roundtrips and simulations
 * refer to it) and the topic gets the vehicle with {@code deleted=true}.
 *
 * <p>Thread-safety: thread-safe (stateless over thread-safe clients).
 */
final class VehicleStore {

  /** One column of the vehicles table: its name, Java type and value in a {@link VehicleView}. */
  private record Column(String name, Class<?> type, Function<VehicleView, Object> value) {}

  private static final List<Column> COLUMNS =
      List.of(
          new Column("imei", String.class, VehicleView::imei),
          new Column("plate", String.class, VehicleView::plate),
          new Column("make", String.class, VehicleView::make),
          new Column("model", String.class, VehicleView::model),
          new Column("type_id", Integer.class, VehicleView::typeId),
          new Column("fuel_id", Integer.class, VehicleView::fuelId),
          new Column("wltp_fossil", Double.class, VehicleView::wltpFossil),
          new Column("wltp_el", Double.class, VehicleView::wltpEl),
          new Column("capacity_decrease", Double.class, VehicleView::capacityDecrease),
          new Column("range_km", Double.class, VehicleView::rangeKm),
          new Column("co2_pr_km", Double.class, VehicleView::co2PrKm),
          new Column("omkostning_aar", Double.class, VehicleView::omkostningAar),
          new Column("location_id", Long.class, VehicleView::locationId),
          new Column("start_leasing", LocalDate.class, VehicleView::startLeasing),
          new Column("end_leasing", LocalDate.class, VehicleView::endLeasing),
          new Column("leasing_type", Integer.class, VehicleView::leasingType),
          new Column("km_aar", Double.class, VehicleView::kmAar),
          new Column("sleep", Double.class, VehicleView::sleep),
          new Column("department", String.class, VehicleView::department),
          new Column("forvaltning", String.class, VehicleView::forvaltning),
          new Column("description", String.class, VehicleView::description),
          new Column("deleted", Boolean.class, VehicleView::deleted),
          new Column("disabled", Boolean.class, VehicleView::disabled),
          new Column("test_vehicle", Boolean.class, VehicleView::testVehicle),
          new Column("updated_at", Instant.class, VehicleView::updatedAt));

  private static final String SELECT =
      "SELECT id, "
          + COLUMNS.stream().map(Column::name).collect(Collectors.joining(", "))
          + " FROM vehicles";

  private static final String INSERT =
      "INSERT INTO vehicles (id, "
          + COLUMNS.stream().map(Column::name).collect(Collectors.joining(", "))
          + ") VALUES (:id, "
          + COLUMNS.stream().map(c -> ":" + c.name()).collect(Collectors.joining(", "))
          + ")";

  private static final String UPDATE =
      "UPDATE vehicles SET "
          + COLUMNS.stream()
              .map(c -> c.name() + " = :" + c.name())
              .collect(Collectors.joining(", "))
          + " WHERE id = :id";

  private final DatabaseClient db;
  private final TransactionalOperator transactions;
  private final Outbox outbox;
  private final LocationStore locations;
  private final Clock clock;
  private final AvroSerde<FleetVehicle> serde = AvroSerde.of(FleetVehicle.class);

  VehicleStore(
      DatabaseClient db,
      TransactionalOperator transactions,
      Outbox outbox,
      LocationStore locations,
      Clock clock) {
    this.db = db;
    this.transactions = transactions;
    this.outbox = outbox;
    this.locations = locations;
    this.clock = clock;
  }

  /**
   * One page of vehicles by id, optionally only those of one location and/or type.
   *
   * @param includeDeleted whether deleted vehicles are listed too
   */
  Mono<VehiclePage> list(
      Long locationId, Integer typeId, boolean includeDeleted, int page, int size) {
    String where =
        " WHERE (CAST(:location AS bigint) IS NULL OR location_id = :location)"
            + " AND (CAST(:type AS integer) IS NULL OR type_id = :type)"
            + (includeDeleted ? "" : " AND NOT deleted");
    Mono<List<VehicleView>> items =
        filter(
                db.sql(SELECT + where + " ORDER BY id LIMIT :size OFFSET :offset"),
                locationId,
                typeId)
            .bind("size", size)
            .bind("offset", (long) page * size)
            .map(VehicleStore::read)
            .all()
            .collectList();
    Mono<Long> total =
        filter(db.sql("SELECT count(*) AS n FROM vehicles" + where), locationId, typeId)
            .map(row -> row.get("n", Long.class))
            .one();
    return Mono.zip(items, total).map(t -> new VehiclePage(t.getT1(), page, size, t.getT2()));
  }

  /** The vehicle, deleted or not; empty when there is none with this id. */
  Mono<VehicleView> find(long id) {
    return db.sql(SELECT + " WHERE id = :id").bind("id", id).map(VehicleStore::read).one();
  }

  /** Stores a validated new vehicle under the next API id (from 1,000,000). */
  Mono<VehicleView> create(VehicleView vehicle) {
    Mono<VehicleView> change =
        checkLocation(vehicle)
            .then(
                db.sql("SELECT nextval('vehicle_ids') AS id")
                    .map(r -> r.get("id", Long.class))
                    .one())
            .map(id -> vehicle.withId(id, now()))
            .flatMap(v -> bindAll(db.sql(INSERT), v).then().then(announce(v)));
    return transactions.transactional(change);
  }

  /**
   * Locks the vehicle, merges the change into it (validation errors roll back) and stores it; empty
   * when there is no such vehicle or it was deleted.
   */
  Mono<VehicleView> update(long id, UnaryOperator<VehicleView> change) {
    Mono<VehicleView> updated =
        lockActive(id)
            .map(change)
            .flatMap(v -> checkLocation(v).thenReturn(v.withId(id, now())))
            .flatMap(v -> bindAll(db.sql(UPDATE), v).then().then(announce(v)));
    return transactions.transactional(updated);
  }

  /** Marks the vehicle deleted; empty when there is no such vehicle or it was already deleted. */
  Mono<VehicleView> delete(long id) {
    Mono<VehicleView> deleted =
        lockActive(id)
            .map(v -> v.asDeleted(now()))
            .flatMap(v -> bindAll(db.sql(UPDATE), v).then().then(announce(v)));
    return transactions.transactional(deleted);
  }

  private Mono<VehicleView> lockActive(long id) {
    return db.sql(SELECT + " WHERE id = :id AND NOT deleted FOR UPDATE")
        .bind("id", id)
        .map(VehicleStore::read)
        .one();
  }

  private Mono<Void> checkLocation(VehicleView vehicle) {
    if (vehicle.locationId() == null) {
      return Mono.empty();
    }
    return locations
        .exists(vehicle.locationId())
        .flatMap(
            exists ->
                exists
                    ? Mono.empty()
                    : Mono.error(
                        new InvalidRequestException(
                            List.of(
                                new FieldError(
                                    "locationId",
                                    "location " + vehicle.locationId() + " does not exist")))));
  }

  private Mono<VehicleView> announce(VehicleView vehicle) {
    return outbox
        .append(
            TopicCatalog.FLEET_VEHICLES.name(),
            Long.toString(vehicle.id()),
            serde.encode(vehicle.toAvro()))
        .thenReturn(vehicle);
  }

  private static GenericExecuteSpec filter(
      GenericExecuteSpec spec, Long locationId, Integer typeId) {
    spec =
        locationId == null
            ? spec.bindNull("location", Long.class)
            : spec.bind("location", locationId);
    return typeId == null ? spec.bindNull("type", Integer.class) : spec.bind("type", typeId);
  }

  private static GenericExecuteSpec bindAll(GenericExecuteSpec spec, VehicleView vehicle) {
    spec = spec.bind("id", vehicle.id());
    for (Column column : COLUMNS) {
      Object value = column.value().apply(vehicle);
      spec =
          value == null
              ? spec.bindNull(column.name(), column.type())
              : spec.bind(column.name(), value);
    }
    return spec;
  }

  private static VehicleView read(Readable row) {
    return new VehicleView(
        row.get("id", Long.class),
        row.get("imei", String.class),
        row.get("plate", String.class),
        row.get("make", String.class),
        row.get("model", String.class),
        row.get("type_id", Integer.class),
        row.get("fuel_id", Integer.class),
        row.get("wltp_fossil", Double.class),
        row.get("wltp_el", Double.class),
        row.get("capacity_decrease", Double.class),
        row.get("range_km", Double.class),
        row.get("co2_pr_km", Double.class),
        row.get("omkostning_aar", Double.class),
        row.get("location_id", Long.class),
        row.get("start_leasing", LocalDate.class),
        row.get("end_leasing", LocalDate.class),
        row.get("leasing_type", Integer.class),
        row.get("km_aar", Double.class),
        row.get("sleep", Double.class),
        row.get("department", String.class),
        row.get("forvaltning", String.class),
        row.get("description", String.class),
        Boolean.TRUE.equals(row.get("deleted", Boolean.class)),
        Boolean.TRUE.equals(row.get("disabled", Boolean.class)),
        Boolean.TRUE.equals(row.get("test_vehicle", Boolean.class)),
        row.get("updated_at", Instant.class));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
