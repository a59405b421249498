package dev.signalyard.ingest.trackers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.ingest.RawTopics;
import dev.signalyard.ingest.WebhookTestBase;
import dev.signalyard.ingest.web.HmacSignatures;
import dev.signalyard.schemas.devices.TrackerReport;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The tracker webhook over a real Kafka broker. */
class TrackerWebhookTest extends WebhookTestBase {

  private static final String REPORT =
      """
      {"id":"tw-single","time":"2026-11-22T10:00:00Z","lat":47.3769,"lon":8.5417,"speed":3.5,\
      "attributes":{"driver":"ana"}}""";

  @Test
  void storesASingleReportAndAnswersWithAnEmptyBody() {
    post(MediaType.APPLICATION_JSON, REPORT, FLEET, signature(FLEET_SECRET, REPORT))
        .expectStatus()
        .isOk()
        .expectBody()
        .isEmpty();

    TrackerReport stored = read(r -> r.key().equals("tw-single")).value();
    assertThat(stored.getSource()).isEqualTo(FLEET);
    assertThat(stored.getTime()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
    assertThat(stored.getSpeedKnots()).isEqualTo(3.5);
    assertThat(stored.getAttributes()).containsEntry("driver", "ana");
  }

  @Test
  void answersABatchLineByLineStoringEveryGoodLine() {
    String batch =
        """
        {"id":"tw-batch-1","time":"2026-11-22T10:00:00Z","lat":1.5,"lon":2.5}
        {"id":"tw-batch-2","time":"2026-11-22T10:00:00Z","lat":91,"lon":2.5}

        {"id":"tw-batch-3","time":"2026-11-22T10:00:00Z","lat":1.5,"lon":2.5,"battery":40}
        """;

    post(MediaType.APPLICATION_NDJSON, batch, OTHER_SOURCE, signature(OTHER_SECRET, batch))
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
        .expectBody()
        .json(
            """
            {"accepted":2,"rejected":1,"results":[
              {"line":1,"status":"accepted"},
              {"line":2,"status":"rejected","errors":[{"field":"lat"}]},
              {"line":4,"status":"accepted"}]}
            """)
        .jsonPath("$.results[0].errors")
        .doesNotExist();

    List<RawTopics.Keyed<TrackerReport>> stored =
        RawTopics.await(
            TopicCatalog.TRACKER_REPORTS_RAW.name(),
            AvroSerde.of(TrackerReport.class),
            List.of(r -> r.key().equals("tw-batch-1"), r -> r.key().equals("tw-batch-3")));
    assertThat(stored).allSatisfy(r -> assertThat(r.value().getSource()).isEqualTo(OTHER_SOURCE));
  }

  @Test
  void answersAnInvalidSingleReportWithAProblem() {
    String report = REPORT.replace("8.5417", "\"east\"");

    post(MediaType.APPLICATION_JSON, report, FLEET, signature(FLEET_SECRET, report))
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("lon");
  }

  @Test
  void refusesABadSignature() {
    expectUnauthorized(
        post(MediaType.APPLICATION_JSON, REPORT, FLEET, signature(OTHER_SECRET, REPORT)),
        "does not match");
  }

  @Test
  void refusesAnUnknownSource() {
    expectUnauthorized(
        post(MediaType.APPLICATION_JSON, REPORT, "fleet-z", signature(FLEET_SECRET, REPORT)),
        "'fleet-z' is not configured");
  }

  @Test
  void refusesABodyOverTheLimit() {
    String huge = "{\"id\":\"" + "x".repeat(1_100_000) + "\"}";

    post(MediaType.APPLICATION_JSON, huge, FLEET, signature(FLEET_SECRET, huge))
        .expectStatus()
        .isEqualTo(413)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("urn:signalyard:problem:payload-too-large");
  }

  @Test
  void refusesOtherContentTypesWithAProblem() {
    post(MediaType.TEXT_PLAIN, REPORT, FLEET, signature(FLEET_SECRET, REPORT))
        .expectStatus()
        .isEqualTo(415)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
  }

  static void expectUnauthorized(WebTestClient.ResponseSpec response, String detail) {
    response
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .valueEquals("WWW-Authenticate", "Signalyard-HMAC-SHA256 realm=\"trackers\"")
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("urn:signalyard:problem:unauthorized")
        .jsonPath("$.detail")
        .value(d -> assertThat((String) d).contains(detail));
  }

  private WebTestClient.ResponseSpec post(
      MediaType type, String body, String source, String signature) {
    return client
        .post()
        .uri("/webhooks/devices")
        .contentType(type)
        .header(HmacSignatures.SOURCE_HEADER, source)
        .header(HmacSignatures.SIGNATURE_HEADER, signature)
        .bodyValue(body)
        .exchange();
  }

  private static RawTopics.Keyed<TrackerReport> read(Predicate<RawTopics.Keyed<TrackerReport>> p) {
    return RawTopics.await(
        TopicCatalog.TRACKER_REPORTS_RAW.name(), AvroSerde.of(TrackerReport.class), p);
  }
}
