package dev.signalyard.queryapi.fleet.simulations;

import dev.signalyard.queryapi.live.TopicView;
import dev.signalyard.schemas.fleet.SimulationResult;
import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

/**
 * The history in PostgreSQL (table simulation_history, migration V20), and the relay that fills it:
 * every record of the simulation-results view is upserted by run id, in view order, so a result
 * read twice (every node start re-reads the compacted topic) or produced twice is stored once. A
 * row is replaced only by a result that finished no earlier.
 *
 * <p>Thread-safety: thread-safe. The view's poll thread only enqueues; one subscriber writes the
 * rows in order.
 */
final class DatabaseSimulationHistory implements SimulationHistory, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DatabaseSimulationHistory.class);

  private static final String UPSERT =
      """
      INSERT INTO simulation_history
        (id, kind, status, request, result, error, requested_at, finished_at)
      VALUES (:id, :kind, :status, CAST(:request AS jsonb), :result, :error, :requestedAt,
              :finishedAt)
      ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, status = EXCLUDED.status,
        request = EXCLUDED.request, result = EXCLUDED.result, error = EXCLUDED.error,
        requested_at = EXCLUDED.requested_at, finished_at = EXCLUDED.finished_at
      WHERE simulation_history.finished_at <= EXCLUDED.finished_at
      """;

  private final DatabaseClient db;
  private final JsonMapper json;
  private final Sinks.Many<SimulationResult> pending =
      Sinks.many().unicast().onBackpressureBuffer();
  private final Disposable relay;

  /** Starts relaying {@code results} into the table; add before the view starts. */
  DatabaseSimulationHistory(
      DatabaseClient db, TopicView<SimulationResult> results, JsonMapper json) {
    this.db = db;
    this.json = json;
    results.addListener(
        entry -> {
          if (entry.value() != null) {
            pending.emitNext(
                entry.value(), Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
          }
        });
    this.relay = pending.asFlux().concatMap(this::store).subscribe();
  }

  private Mono<Void> store(SimulationResult result) {
    return db.sql(UPSERT)
        .bind("id", result.getId())
        .bind("kind", result.getKind())
        .bind("status", result.getStatus())
        .bind("request", result.getRequestJson())
        .bind("result", nullable(result.getResultJson()))
        .bind("error", nullable(result.getError()))
        .bind("requestedAt", utc(result.getRequestedAt()))
        .bind("finishedAt", utc(result.getFinishedAt()))
        .then()
        .retryWhen(Retry.backoff(5, Duration.ofMillis(200)))
        .onErrorResume(
            e -> {
              // The result stays in the compacted topic; the next start of this node stores it.
              log.error("Could not store run {} in simulation_history", result.getId(), e);
              return Mono.empty();
            });
  }

  @Override
  public Mono<HistoryPage> page(RunKind kind, int page, int size) {
    Mono<Long> total =
        db.sql("SELECT count(*) AS total FROM simulation_history WHERE kind = :kind")
            .bind("kind", kind.kind().name())
            .map(row -> row.get("total", Long.class))
            .one();
    return db.sql(
            """
            SELECT id, kind, status, request::text AS request, error, requested_at, finished_at
            FROM simulation_history WHERE kind = :kind
            ORDER BY requested_at DESC, id LIMIT :size OFFSET :offset
            """)
        .bind("kind", kind.kind().name())
        .bind("size", size)
        .bind("offset", (long) page * size)
        .map(this::item)
        .all()
        .collectList()
        .zipWith(total, (items, count) -> new HistoryPage(items, page, size, count, "database"));
  }

  private HistoryItem item(Readable row) {
    return new HistoryItem(
        row.get("id", String.class),
        row.get("kind", String.class),
        row.get("status", String.class),
        instant(row.get("requested_at", OffsetDateTime.class)),
        instant(row.get("finished_at", OffsetDateTime.class)),
        row.get("error", String.class),
        json.readTree(row.get("request", String.class)));
  }

  private static org.springframework.r2dbc.core.Parameter nullable(String value) {
    return org.springframework.r2dbc.core.Parameter.fromOrEmpty(value, String.class);
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }

  @Override
  public void close() {
    relay.dispose();
  }
}
