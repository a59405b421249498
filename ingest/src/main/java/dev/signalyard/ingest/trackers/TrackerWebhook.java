package dev.signalyard.ingest.trackers;

import dev.signalyard.ingest.IngestProperties;
import dev.signalyard.ingest.kafka.AckedPublisher;
import dev.signalyard.ingest.web.PayloadTooLargeException;
import dev.signalyard.platform.web.InvalidRequestException;
import dev.signalyard.platform.web.Problems.FieldError;
import dev.signalyard.schemas.devices.TrackerReport;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code POST /webhooks/devices}: position reports of generic trackers that can POST JSON, one
 * report ({@code application/json}) or a batch of one report per line ({@code
 * application/x-ndjson}).
 *
 * <p>The raw body is authenticated ({@link TrackerSignatures}) before its content is looked at, so
 * an unauthenticated sender learns nothing about validation. Each valid report becomes an Avro
 * {@link TrackerReport} on {@code tracker-reports-raw}, keyed by the tracker's id.
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

  /** Lines of one batch awaiting Kafka's acknowledgement at the same time. */
  private static final int IN_FLIGHT_PER_BATCH = 32;

  private final AckedPublisher publisher;
  private final TrackerSignatures signatures;
  private final long maxBodyBytes;
  private final TrackerReportParser parser = new TrackerReportParser(Clock.systemUTC());
  private final AvroSerde<TrackerReport> serde = AvroSerde.of(TrackerReport.class);

  public TrackerWebhook(AckedPublisher publisher, IngestProperties properties) {
    this.publisher = publisher;
    this.signatures = new TrackerSignatures(properties.trackers().secrets());
    this.maxBodyBytes = properties.trackers().maxBodySize().toBytes();
  }

  @PostMapping(path = "/webhooks/devices", consumes = MediaType.APPLICATION_JSON_VALUE)
  public Mono<ResponseEntity<Void>> single(ServerWebExchange exchange) {
    return authenticatedBody(exchange)
        .map(body -> parser.parse(body.bytes(), 0, body.bytes().length, body.source()))
        .flatMap(this::publish)
        .thenReturn(ResponseEntity.ok().build());
  }

  @PostMapping(
      path = "/webhooks/devices",
      consumes = MediaType.APPLICATION_NDJSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public Mono<BatchResult> batch(ServerWebExchange exchange) {
    return authenticatedBody(exchange)
        .flatMapMany(this::lines)
        .flatMapSequential(this::store, IN_FLIGHT_PER_BATCH)
        // When Kafka is down the lines in flight fail together, and Reactor reports them as one
        // composite error; answer it as what each of them is (503).
        .onErrorMap(Exceptions::isMultiple, e -> Exceptions.unwrapMultiple(e).get(0))
        .collectList()
        .map(BatchResult::of);
  }

  private Mono<BatchResult.Line> store(ParsedLine line) {
    if (line.report() == null) {
      return Mono.just(BatchResult.Line.rejected(line.number(), line.errors()));
    }
    return publish(line.report()).thenReturn(BatchResult.Line.accepted(line.number()));
  }

  /** The non-blank lines of a batch, each parsed on its own. */
  private Flux<ParsedLine> lines(AuthenticatedBody body) {
    byte[] bytes = body.bytes();
    List<ParsedLine> lines = new ArrayList<>();
    int start = 0;
    int number = 1;
    // Splitting on the byte 0x0A is safe in UTF-8: it never occurs inside a multi-byte character.
    for (int i = 0; i <= bytes.length; i++) {
      if (i == bytes.length || bytes[i] == '\n') {
        if (!isBlank(bytes, start, i)) {
          lines.add(parse(body.source(), bytes, start, i - start, number));
        }
        start = i + 1;
        number++;
      }
    }
    if (lines.isEmpty()) {
      throw new InvalidRequestException(
          List.of(new FieldError("body", "holds no reports (one JSON object per line)")));
    }
    return Flux.fromIterable(lines);
  }

  private ParsedLine parse(String source, byte[] bytes, int offset, int length, int number) {
    try {
      return new ParsedLine(number, parser.parse(bytes, offset, length, source), List.of());
    } catch (InvalidRequestException e) {
      return new ParsedLine(number, null, e.errors());
    }
  }

  private static boolean isBlank(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r') {
        return false;
      }
    }
    return true;
  }

  private Mono<AuthenticatedBody> authenticatedBody(ServerWebExchange exchange) {
    ServerHttpRequest request = exchange.getRequest();
    HttpHeaders headers = request.getHeaders();
    if (headers.getContentLength() > maxBodyBytes) {
      return Mono.error(tooLarge());
    }
    return DataBufferUtils.join(request.getBody(), (int) Math.min(maxBodyBytes, Integer.MAX_VALUE))
        .map(TrackerWebhook::bytes)
        .defaultIfEmpty(new byte[0])
        .onErrorMap(DataBufferLimitException.class, e -> tooLarge())
        .map(
            bytes ->
                new AuthenticatedBody(
                    signatures.authenticate(
                        headers.getFirst(TrackerSignatures.SOURCE_HEADER),
                        headers.getFirst(TrackerSignatures.SIGNATURE_HEADER),
                        bytes),
                    bytes));
  }

  private PayloadTooLargeException tooLarge() {
    return new PayloadTooLargeException(
        "The body exceeds "
            + maxBodyBytes
            + " bytes (signalyard.ingest.trackers.max-body-size); send smaller batches."
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

  private Mono<?> publish(TrackerReport report) {
    return publisher.publish(
        TopicCatalog.TRACKER_REPORTS_RAW.name(), report.getDeviceId(), serde.encode(report));
  }

  /** A request body whose signature verified, and the source it verified for. */
  private record AuthenticatedBody(String source, byte[] bytes) {}

  /** One batch line: its report when valid, otherwise why not. */
  private record ParsedLine(int number, TrackerReport report, List<FieldError> errors) {}
}
