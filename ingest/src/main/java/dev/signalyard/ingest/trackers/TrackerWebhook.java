package dev.signalyard.ingest.trackers;

import dev.signalyard.ingest.IngestProperties;
import dev.signalyard.ingest.kafka.AckedPublisher;
import dev.signalyard.ingest.web.BatchResult;
import dev.signalyard.ingest.web.HmacSignatures;
import dev.signalyard.ingest.web.NdjsonBatches;
import dev.signalyard.ingest.web.SignedBodies;
import dev.signalyard.schemas.devices.TrackerReport;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.time.Clock;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code POST /webhooks/devices}: position reports of generic trackers that can POST JSON, one
 * report ({@code application/json}) or a batch of one report per line ({@code
 * application/x-ndjson}).
 *
 * <p>The raw body is authenticated ({@link HmacSignatures}, realm {@code trackers}) before its
 * content is looked at, so an unauthenticated sender learns nothing about validation. Each valid
 * report becomes an Avro {@link TrackerReport} on {@code tracker-reports-raw}, keyed by the
 * tracker's id.
 *
 * <p>A single report is answered 200 with an empty body once Kafka acknowledged it, or 400. A batch
 * is not atomic: each line is validated and stored on its own, and the 200 answer lists the outcome
 * of each line. If Kafka does not acknowledge every valid line in time the whole request is
 * answered 503; lines acknowledged before that stay stored, so a retried batch may store them
 * twice.
 *
 * <p>Thread-safe: all state is immutable or thread-safe.
 */
@RestController
public class TrackerWebhook {

  private final AckedPublisher publisher;
  private final SignedBodies bodies;
  private final TrackerReportParser parser = new TrackerReportParser(Clock.systemUTC());
  private final AvroSerde<TrackerReport> serde = AvroSerde.of(TrackerReport.class);

  public TrackerWebhook(AckedPublisher publisher, IngestProperties properties) {
    this.publisher = publisher;
    this.bodies =
        new SignedBodies(
            new HmacSignatures(
                "trackers",
                properties.trackers().secrets(),
                "No tracker sources are configured on this server"
                    + " (signalyard.ingest.trackers.secrets), so every request is refused",
                "The " + HmacSignatures.SOURCE_HEADER + " header is missing",
                "The " + HmacSignatures.SOURCE_HEADER + " header is not a valid source name"),
            properties.trackers().maxBodySize().toBytes(),
            "signalyard.ingest.trackers.max-body-size");
  }

  @PostMapping(path = "/webhooks/devices", consumes = MediaType.APPLICATION_JSON_VALUE)
  public Mono<ResponseEntity<Void>> single(ServerWebExchange exchange) {
    return bodies
        .read(exchange)
        .map(body -> parser.parse(body.bytes(), 0, body.bytes().length, body.source()))
        .flatMap(this::publish)
        .thenReturn(ResponseEntity.ok().build());
  }

  @PostMapping(
      path = "/webhooks/devices",
      consumes = MediaType.APPLICATION_NDJSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public Mono<BatchResult> batch(ServerWebExchange exchange) {
    return bodies
        .read(exchange)
        .flatMap(
            body ->
                NdjsonBatches.store(
                    body.bytes(),
                    TrackerWebhook::isBlank,
                    (bytes, offset, length) -> parser.parse(bytes, offset, length, body.source()),
                    this::publish,
                    "holds no reports (one JSON object per line)"));
  }

  /** A line of only spaces, tabs and carriage returns is blank. */
  private static boolean isBlank(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r') {
        return false;
      }
    }
    return true;
  }

  private Mono<?> publish(TrackerReport report) {
    return publisher.publish(
        TopicCatalog.TRACKER_REPORTS_RAW.name(), report.getDeviceId(), serde.encode(report));
  }
}
