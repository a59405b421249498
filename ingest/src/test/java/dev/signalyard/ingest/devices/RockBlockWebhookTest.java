package dev.signalyard.ingest.devices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.ingest.RawTopics;
import dev.signalyard.ingest.TestJwts;
import dev.signalyard.ingest.WebhookTestBase;
import dev.signalyard.schemas.devices.RawDeviceReport;
import dev.signalyard.schemas.devices.RawReportFormat;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The webhook over a real Kafka broker: what is answered, and what lands on the raw topic. */
class RockBlockWebhookTest extends WebhookTestBase {

  private static final MediaType ROCKBLOCK_JSON =
      MediaType.parseMediaType("application/json; charset=utf-8");

  @Test
  void acknowledgesAFormPostWithAnEmptyBodyOnlyWithTheRecordOnTheRawTopic() throws IOException {
    String body = resource("rockblock/mo-form-capture.txt");

    postForm(body).expectStatus().isOk().expectHeader().contentLength(0).expectBody().isEmpty();

    RawDeviceReport stored = readRaw("300234068036650", 376);
    assertThat(stored.getFormat()).isEqualTo(RawReportFormat.ROCKBLOCK_FORM);
    assertThat(stored.getIridiumCepKm()).isEqualTo(79.0);
    assertThat(stored.getSignatureVerified()).isFalse();
  }

  @Test
  void takesASignedJsonPostFromItsClaimsWhenTheBodyDisagrees() {
    Map<String, Object> claims =
        TestJwts.claims(fields("300234010753371", 4242, "26-11-22 10:00:00", "48656c6c6f", "36.8"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.putAll(fields("300234010753399", 1, "26-11-22 09:00:00", "00", "-12.5"));
    body.put("iridium_session_status", 2);
    body.put("JWT", TestJwts.sign(claims, TestJwts.ROCK7));

    postJson(body).expectStatus().isOk().expectBody().isEmpty();

    RawDeviceReport stored = readRaw("300234010753371", 4242);
    assertThat(stored.getSignatureVerified()).isTrue();
    assertThat(stored.getFormat()).isEqualTo(RawReportFormat.ROCKBLOCK_JSON);
    assertThat(stored.getTransmitTime()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
    assertThat(stored.getIridiumLatitude()).isEqualTo(36.8);
    assertThat(StandardCharsets.US_ASCII.decode(stored.getData()).toString()).isEqualTo("Hello");
    assertThat(stored.getIridiumSessionStatus())
        .as("a field only the unsigned body carries")
        .isNull();
    assertThat(stored.getAttributes()).containsEntry("iat", Long.toString(TestJwts.IAT));
  }

  @Test
  void refusesAnUnsignedJsonPostByDefault() {
    Map<String, Object> body =
        new LinkedHashMap<>(fields("300234010753372", 7, "26-11-22 10:00:00", "41", "1"));

    expectUnauthorized(postJson(body), "no JWT");
  }

  @Test
  void refusesATamperedToken() {
    Map<String, Object> claims =
        TestJwts.claims(fields("300234010753373", 8, "26-11-22 10:00:00", "41", "1"));
    Map<String, Object> body = new LinkedHashMap<>(claims);
    body.put("JWT", TestJwts.tampered(claims, "imei", "300234010753374"));

    expectUnauthorized(postJson(body), "does not verify");
  }

  @Test
  void answersAnOversizedPayloadWith413() {
    Map<String, Object> claims =
        TestJwts.claims(
            fields(
                "300234010753375",
                9,
                "26-11-22 10:00:00",
                "ab".repeat(RockBlockMessageParser.MAX_PAYLOAD_BYTES + 1),
                "1"));
    Map<String, Object> body = Map.of("JWT", TestJwts.sign(claims, TestJwts.ROCK7));

    postJson(body)
        .expectStatus()
        .isEqualTo(413)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("urn:signalyard:problem:payload-too-large")
        .jsonPath("$.detail")
        .value(d -> assertThat((String) d).contains("341 bytes", "at most 340"));
  }

  @Test
  void answersAMalformedPostWithAProblemNamingTheField() throws IOException {
    String body =
        resource("rockblock/mo-form-capture.txt").replace("imei=300234068036650", "imei=12");

    postForm(body)
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("urn:signalyard:problem:invalid-request")
        .jsonPath("$.status")
        .isEqualTo(400)
        .jsonPath("$.errors[0].field")
        .isEqualTo("imei")
        .jsonPath("$.errors[0].message")
        .value(m -> assertThat((String) m).contains("15 digits"));
  }

  @Test
  void answersUnparseableJsonWithAProblem() {
    client
        .post()
        .uri("/webhooks/rockblock")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"imei\": ")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
  }

  static Map<String, Object> fields(
      String imei, int momsn, String transmitTime, String data, String latitude) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("imei", imei);
    fields.put("device_type", "ROCKBLOCK");
    fields.put("serial", "16949");
    fields.put("momsn", Integer.toString(momsn));
    fields.put("transmit_time", transmitTime);
    fields.put("iridium_latitude", latitude);
    fields.put("iridium_longitude", "-122.0");
    fields.put("iridium_cep", "5.0");
    fields.put("data", data);
    return fields;
  }

  private void expectUnauthorized(WebTestClient.ResponseSpec response, String detail) {
    response
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectHeader()
        .valueEquals("WWW-Authenticate", RockBlockJwtVerifier.CHALLENGE)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("urn:signalyard:problem:unauthorized")
        .jsonPath("$.detail")
        .value(d -> assertThat((String) d).contains(detail));
  }

  private WebTestClient.ResponseSpec postForm(String body) {
    return client
        .post()
        .uri("/webhooks/rockblock")
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .bodyValue(body)
        .exchange();
  }

  private WebTestClient.ResponseSpec postJson(Map<String, Object> body) {
    return client
        .post()
        .uri("/webhooks/rockblock")
        .contentType(ROCKBLOCK_JSON)
        .bodyValue(body)
        .exchange();
  }

  static RawDeviceReport readRaw(String imei, int momsn) {
    return RawTopics.await(
            TopicCatalog.DEVICE_REPORTS_RAW.name(),
            AvroSerde.of(RawDeviceReport.class),
            r -> r.key().equals(imei) && r.value().getMomsn() == momsn)
        .value();
  }

  static String resource(String name) throws IOException {
    return new ClassPathResource(name).getContentAsString(StandardCharsets.UTF_8).trim();
  }
}
