package dev.signalyard.ingest.devices;

import dev.signalyard.ingest.kafka.AckedPublisher;
import dev.signalyard.platform.web.InvalidRequestException;
import dev.signalyard.platform.web.Problems.FieldError;
import dev.signalyard.schemas.devices.RawDeviceReport;
import dev.signalyard.schemas.devices.RawReportFormat;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code POST /webhooks/rockblock}: RockBLOCK MO deliveries, form-encoded ({@code HTTP_POST}) or
 * JSON ({@code HTTP_JSON}). Answers {@code 200 OK} only after Kafka acknowledged the raw report;
 * 400 with a problem body for bad input; 503 when Kafka did not acknowledge in time, so that
 * RockBLOCK retries.
 */
@RestController
public class RockBlockWebhook {

  private final AckedPublisher publisher;
  private final RockBlockMessageParser parser = new RockBlockMessageParser(Clock.systemUTC());
  private final AvroSerde<RawDeviceReport> serde = AvroSerde.of(RawDeviceReport.class);

  public RockBlockWebhook(AckedPublisher publisher) {
    this.publisher = publisher;
  }

  @PostMapping(
      path = "/webhooks/rockblock",
      consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
      produces = MediaType.TEXT_PLAIN_VALUE)
  public Mono<String> form(ServerWebExchange exchange) {
    return exchange
        .getFormData()
        .map(form -> parser.parse(form.toSingleValueMap(), RawReportFormat.ROCKBLOCK_FORM))
        .flatMap(this::publish);
  }

  @PostMapping(
      path = "/webhooks/rockblock",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.TEXT_PLAIN_VALUE)
  public Mono<String> json(@RequestBody Map<String, Object> body) {
    Map<String, String> fields = new LinkedHashMap<>();
    body.forEach(
        (name, value) -> {
          if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new InvalidRequestException(
                List.of(new FieldError(name, "must be a string or a number")));
          }
          if (value != null) {
            fields.put(name, value.toString());
          }
        });
    return Mono.fromCallable(() -> parser.parse(fields, RawReportFormat.ROCKBLOCK_JSON))
        .flatMap(this::publish);
  }

  private Mono<String> publish(RawDeviceReport report) {
    return publisher
        .publish(TopicCatalog.DEVICE_REPORTS_RAW.name(), report.getImei(), serde.encode(report))
        .thenReturn("OK");
  }
}
