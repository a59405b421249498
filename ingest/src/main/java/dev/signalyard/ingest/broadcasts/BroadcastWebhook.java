package dev.signalyard.ingest.broadcasts;

import dev.signalyard.ingest.IngestProperties;
import dev.signalyard.ingest.kafka.AckedPublisher;
import dev.signalyard.ingest.web.BatchResult;
import dev.signalyard.ingest.web.HmacSignatures;
import dev.signalyard.ingest.web.NdjsonBatches;
import dev.signalyard.ingest.web.SignedBodies;
import dev.signalyard.schemas.broadcasts.Broadcast;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code POST /webhooks/broadcasts}: run-control messages from systems without Kafka, one message
 * ({@code application/json}) or one per line ({@code application/x-ndjson}), HMAC-signed like the
 * device webhook ({@link HmacSignatures}, realm {@code broadcasts}, secrets {@code
 * signalyard.ingest.broadcasts.secrets} separate from the device webhook's). Each valid message
 * becomes a {@link Broadcast} on {@code broadcasts}, keyed by session, and is then treated like a
 * bridged one.
 *
 * <p>A single message is answered 200 (empty) once Kafka acknowledged it, or 400. A batch is not
 * atomic: each line is stored on its own and the 200 answer lists each line's outcome; if Kafka
 * does not acknowledge in time the request is answered 503 and lines acknowledged before stay.
 *
 * <p>Thread-safe: all state is immutable or thread-safe.
 */
@RestController
public class BroadcastWebhook {

  private final AckedPublisher publisher;
  private final SignedBodies bodies;
  private final BroadcastRequestParser parser;
  private final AvroSerde<Broadcast> serde = AvroSerde.of(Broadcast.class);

  public BroadcastWebhook(
      AckedPublisher publisher, IngestProperties properties, BroadcastSeverities severities) {
    this.publisher = publisher;
    String badSource =
        "The " + HmacSignatures.SOURCE_HEADER + " header is missing or not a valid source name";
    this.bodies =
        new SignedBodies(
            new HmacSignatures(
                "broadcasts",
                properties.broadcasts().secrets(),
                "No broadcast senders are configured on this server"
                    + " (signalyard.ingest.broadcasts.secrets), so every request is refused",
                badSource,
                badSource),
            properties.broadcasts().maxBodySize().toBytes(),
            "signalyard.ingest.broadcasts.max-body-size");
    this.parser = new BroadcastRequestParser(severities, Clock.systemUTC());
  }

  @PostMapping(path = "/webhooks/broadcasts", consumes = MediaType.APPLICATION_JSON_VALUE)
  public Mono<ResponseEntity<Void>> single(ServerWebExchange exchange) {
    return bodies
        .read(exchange)
        .map(body -> parser.parse(body.bytes(), 0, body.bytes().length, body.source()))
        .flatMap(this::publish)
        .thenReturn(ResponseEntity.ok().build());
  }

  @PostMapping(
      path = "/webhooks/broadcasts",
      consumes = MediaType.APPLICATION_NDJSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public Mono<BatchResult> batch(ServerWebExchange exchange) {
    return bodies
        .read(exchange)
        .flatMap(
            body ->
                NdjsonBatches.store(
                    body.bytes(),
                    BroadcastWebhook::isBlank,
                    (bytes, offset, length) -> parser.parse(bytes, offset, length, body.source()),
                    this::publish,
                    "holds no messages (one JSON object per line)"));
  }

  /** A line that is blank as a Java string ({@link String#isBlank()}) once decoded is blank. */
  private static boolean isBlank(byte[] bytes, int from, int to) {
    return new String(bytes, from, to - from, StandardCharsets.UTF_8).isBlank();
  }

  private Mono<?> publish(Broadcast broadcast) {
    return publisher.publish(
        TopicCatalog.BROADCASTS.name(), broadcast.getSession(), serde.encode(broadcast));
  }
}
