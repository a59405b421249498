package dev.signalyard.ingest.devices;

import dev.signalyard.ingest.IngestProperties;
import dev.signalyard.ingest.kafka.AckedPublisher;
import dev.signalyard.ingest.web.UnauthorizedException;
import dev.signalyard.platform.web.InvalidRequestException;
import dev.signalyard.platform.web.Problems.FieldError;
import dev.signalyard.schemas.devices.RawDeviceReport;
import dev.signalyard.schemas.devices.RawReportFormat;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code POST /webhooks/rockblock}: RockBLOCK MO deliveries, form-encoded ({@code HTTP_POST}) or
 * JSON ({@code HTTP_JSON}).
 *
 * <p>A post with a {@code JWT} field must verify ({@link RockBlockJwtVerifier}); the report is then
 * built from the token's claims and the rest of the body is ignored. A post without one is accepted
 * or refused by the configured {@link UnsignedPostPolicy} of its format. Answers 200 with an empty
 * body only after Kafka acknowledged the raw report; 401, 400 or 413 problems for bad signatures,
 * bad fields and oversized payloads; 503 when Kafka did not acknowledge in time, so that RockBLOCK
 * retries.
 *
 * <p>Thread-safe: all state is immutable or thread-safe.
 */
@RestController
public class RockBlockWebhook {

  private static final String JWT = "JWT";

  private final AckedPublisher publisher;
  private final IngestProperties.RockBlock settings;
  private final RockBlockJwtVerifier verifier;
  private final RockBlockMessageParser parser = new RockBlockMessageParser(Clock.systemUTC());
  private final AvroSerde<RawDeviceReport> serde = AvroSerde.of(RawDeviceReport.class);

  public RockBlockWebhook(AckedPublisher publisher, IngestProperties properties) {
    this.publisher = publisher;
    this.settings = properties.rockblock();
    this.verifier = new RockBlockJwtVerifier(RockBlockPublicKey.load(settings.publicKey()));
  }

  @PostMapping(path = "/webhooks/rockblock", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  public Mono<ResponseEntity<Void>> form(ServerWebExchange exchange) {
    return exchange
        .getFormData()
        .map(
            form ->
                report(singleValues(form), RawReportFormat.ROCKBLOCK_FORM, settings.unsignedForm()))
        .flatMap(this::publish);
  }

  @PostMapping(path = "/webhooks/rockblock", consumes = MediaType.APPLICATION_JSON_VALUE)
  public Mono<ResponseEntity<Void>> json(@RequestBody Map<String, Object> body) {
    return Mono.fromCallable(
            () -> report(scalars(body), RawReportFormat.ROCKBLOCK_JSON, settings.unsignedJson()))
        .flatMap(this::publish);
  }

  private RawDeviceReport report(
      Map<String, String> posted, RawReportFormat format, UnsignedPostPolicy unsigned) {
    String token = posted.get(JWT);
    if (token != null && !token.isBlank()) {
      return parser.parse(verifier.verifiedFields(token), format, true);
    }
    if (unsigned == UnsignedPostPolicy.REJECT) {
      String kind = format == RawReportFormat.ROCKBLOCK_FORM ? "form" : "JSON";
      throw new UnauthorizedException(
          RockBlockJwtVerifier.CHALLENGE,
          "Unsigned "
              + kind
              + " posts are not accepted: the post has no JWT field. Nothing was accepted.");
    }
    return parser.parse(posted, format, false);
  }

  /** The form's fields; a field given twice is refused, as it is unclear which value is meant. */
  private static Map<String, String> singleValues(MultiValueMap<String, String> form) {
    List<FieldError> errors = new ArrayList<>();
    form.forEach(
        (name, values) -> {
          if (values.size() > 1) {
            errors.add(new FieldError(name, "is given " + values.size() + " times"));
          }
        });
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return form.toSingleValueMap();
  }

  /**
   * The JSON body's values as text; RockBLOCK sends numbers for some fields, strings for others.
   */
  private static Map<String, String> scalars(Map<String, Object> body) {
    Map<String, String> fields = new LinkedHashMap<>();
    List<FieldError> errors = new ArrayList<>();
    body.forEach(
        (name, value) -> {
          if (value instanceof Map<?, ?> || value instanceof List<?>) {
            errors.add(new FieldError(name, "must be a string or a number"));
          } else if (value != null) {
            fields.put(name, value.toString());
          }
        });
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return fields;
  }

  private Mono<ResponseEntity<Void>> publish(RawDeviceReport report) {
    return publisher
        .publish(TopicCatalog.DEVICE_REPORTS_RAW.name(), report.getImei(), serde.encode(report))
        .thenReturn(ResponseEntity.ok().build());
  }
}
