package dev.signalyard.ingest.broadcasts;

import dev.signalyard.ingest.IngestProperties;
import dev.signalyard.ingest.kafka.AckedPublisher;
import dev.signalyard.ingest.web.PayloadTooLargeException;
import dev.signalyard.platform.web.InvalidRequestException;
import dev.signalyard.platform.web.Problems.FieldError;
import dev.signalyard.schemas.broadcasts.Broadcast;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code POST /webhooks/broadcasts}: run-control messages from systems without Kafka, one message
 * ({@code application/json}) or one per line ({@code application/x-ndjson}), HMAC-signed like the
 * device webhook ({@link BroadcastSignatures}). Each valid message becomes a {@link Broadcast} on
 * {@code broadcasts}, keyed by session, and is then treated like a bridged one.
 *
 * <p>A single message is answered 200 (empty) once Kafka acknowledged it, or 400. A batch is not
 * atomic: each line is stored on its own and the 200 answer lists each line's outcome; if Kafka
 * does not acknowledge in time the request is answered 503 and lines acknowledged before stay.
 *
 * <p>Thread-safe: all state is immutable or thread-safe.
 */
@RestController
public class BroadcastWebhook {

  private static final int IN_FLIGHT_PER_BATCH = 32;

  private final AckedPublisher publisher;
  private final BroadcastSignatures signatures;
  private final BroadcastRequestParser parser;
  private final long maxBodyBytes;
  private final AvroSerde<Broadcast> serde = AvroSerde.of(Broadcast.class);

  public BroadcastWebhook(
      AckedPublisher publisher, IngestProperties properties, BroadcastSeverities severities) {
    this.publisher = publisher;
    this.signatures = new BroadcastSignatures(properties.broadcasts().secrets());
    this.parser = new BroadcastRequestParser(severities, Clock.systemUTC());
    this.maxBodyBytes = properties.broadcasts().maxBodySize().toBytes();
  }

  @PostMapping(path = "/webhooks/broadcasts", consumes = MediaType.APPLICATION_JSON_VALUE)
  public Mono<ResponseEntity<Void>> single(ServerWebExchange exchange) {
    return authenticatedBody(exchange)
        .map(body -> parser.parse(body.bytes(), 0, body.bytes().length, body.source()))
        .flatMap(this::publish)
        .thenReturn(ResponseEntity.ok().build());
  }

  @PostMapping(
      path = "/webhooks/broadcasts",
      consumes = MediaType.APPLICATION_NDJSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public Mono<BroadcastBatchResult> batch(ServerWebExchange exchange) {
    return authenticatedBody(exchange)
        .flatMapMany(this::lines)
        .flatMapSequential(this::store, IN_FLIGHT_PER_BATCH)
        // Lines in flight fail together when Kafka is down; answer as what each is (503).
        .onErrorMap(Exceptions::isMultiple, e -> Exceptions.unwrapMultiple(e).get(0))
        .collectList()
        .map(BroadcastBatchResult::of);
  }

  private Mono<BroadcastBatchResult.Line> store(ParsedLine line) {
    if (line.broadcast() == null) {
      return Mono.just(
          new BroadcastBatchResult.Line(
              line.number(), BroadcastBatchResult.Line.REJECTED, line.errors()));
    }
    return publish(line.broadcast())
        .thenReturn(
            new BroadcastBatchResult.Line(
                line.number(), BroadcastBatchResult.Line.ACCEPTED, List.of()));
  }

  private Flux<ParsedLine> lines(AuthenticatedBody body) {
    byte[] bytes = body.bytes();
    List<ParsedLine> lines = new ArrayList<>();
    int start = 0;
    int number = 1;
    // Splitting on the byte 0x0A is safe in UTF-8: it never occurs inside a multi-byte character.
    for (int i = 0; i <= bytes.length; i++) {
      if (i == bytes.length || bytes[i] == '\n') {
        if (new String(bytes, start, i - start, StandardCharsets.UTF_8).isBlank()) {
          start = i + 1;
          number++;
          continue;
        }
        try {
          lines.add(
              new ParsedLine(number, parser.parse(bytes, start, i - start, body.source()), null));
        } catch (InvalidRequestException e) {
          lines.add(new ParsedLine(number, null, e.errors()));
        }
        start = i + 1;
        number++;
      }
    }
    if (lines.isEmpty()) {
      throw new InvalidRequestException(
          List.of(new FieldError("body", "holds no messages (one JSON object per line)")));
    }
    return Flux.fromIterable(lines);
  }

  private Mono<AuthenticatedBody> authenticatedBody(ServerWebExchange exchange) {
    HttpHeaders headers = exchange.getRequest().getHeaders();
    if (headers.getContentLength() > maxBodyBytes) {
      return Mono.error(tooLarge());
    }
    return DataBufferUtils.join(
            exchange.getRequest().getBody(), (int) Math.min(maxBodyBytes, Integer.MAX_VALUE))
        .map(BroadcastWebhook::bytes)
        .defaultIfEmpty(new byte[0])
        .onErrorMap(DataBufferLimitException.class, e -> tooLarge())
        .map(
            bytes ->
                new AuthenticatedBody(
                    signatures.authenticate(
                        headers.getFirst(BroadcastSignatures.SOURCE_HEADER),
                        headers.getFirst(BroadcastSignatures.SIGNATURE_HEADER),
                        bytes),
                    bytes));
  }

  private PayloadTooLargeException tooLarge() {
    return new PayloadTooLargeException(
        "The body exceeds "
            + maxBodyBytes
            + " bytes (signalyard.ingest.broadcasts.max-body-size); send smaller batches."
            + " Nothing was accepted.");
  }

  private static byte[] bytes(DataBuffer buffer) {
    try {
      byte[] bytes = new byte[buffer.readableByteCount()];
      buffer.read(bytes);
      return bytes;
    } finally {
      DataBufferUtils.release(buffer);
    }
  }

  private Mono<?> publish(Broadcast broadcast) {
    return publisher.publish(
        TopicCatalog.BROADCASTS.name(), broadcast.getSession(), serde.encode(broadcast));
  }

  private record AuthenticatedBody(String source, byte[] bytes) {}

  private record ParsedLine(int number, Broadcast broadcast, List<FieldError> errors) {}
}
