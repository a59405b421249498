package dev.signalyard.ingest.devices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.ingest.IngestApplication;
import dev.signalyard.schemas.devices.RawDeviceReport;
import dev.signalyard.schemas.devices.RawReportFormat;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import dev.signalyard.testsupport.KafkaTestBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The webhook over a real Kafka broker: what is answered, and what lands on the raw topic. */
@SpringBootTest(
    classes = IngestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class RockBlockWebhookTest {

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add(
        "signalyard.kafka.bootstrap-servers", () -> KafkaTestBroker.shared().bootstrapServers());
  }

  @Autowired WebTestClient client;

  @Test
  void acknowledgesAFormPostOnlyWithTheRecordOnTheRawTopic() throws IOException {
    String body = resource("rockblock/mo-form-capture.txt");

    client
        .post()
        .uri("/webhooks/rockblock")
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .isEqualTo("OK");

    RawDeviceReport stored = readRaw("300234068036650", 376);
    assertThat(stored.getFormat()).isEqualTo(RawReportFormat.ROCKBLOCK_FORM);
    assertThat(stored.getIridiumCepKm()).isEqualTo(79.0);
  }

  @Test
  void acceptsTheJsonFormat() throws IOException {
    client
        .post()
        .uri("/webhooks/rockblock")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(resource("rockblock/mo-json-capture.json"))
        .exchange()
        .expectStatus()
        .isOk();

    RawDeviceReport stored = readRaw("300234068036650", 932);
    assertThat(stored.getFormat()).isEqualTo(RawReportFormat.ROCKBLOCK_JSON);
    assertThat(stored.getIridiumLatitude()).isEqualTo(37.663);
  }

  @Test
  void answersAMalformedPostWithAProblemNamingTheField() throws IOException {
    String body =
        resource("rockblock/mo-form-capture.txt").replace("imei=300234068036650", "imei=12");

    client
        .post()
        .uri("/webhooks/rockblock")
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .bodyValue(body)
        .exchange()
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

  private static RawDeviceReport readRaw(String imei, int momsn) {
    AvroSerde<RawDeviceReport> serde = AvroSerde.of(RawDeviceReport.class);
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            KafkaTestBroker.shared().bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "test-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest");
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(TopicCatalog.DEVICE_REPORTS_RAW.name()));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      List<String> seen = new ArrayList<>();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          RawDeviceReport report = serde.decode(record.value());
          seen.add(record.key() + "/" + report.getMomsn());
          if (record.key().equals(imei) && report.getMomsn() == momsn) {
            return report;
          }
        }
      }
      throw new AssertionError(
          "no raw report " + imei + "/" + momsn + " on the topic; saw " + seen);
    }
  }

  static String resource(String name) throws IOException {
    return new ClassPathResource(name).getContentAsString(StandardCharsets.UTF_8).trim();
  }
}
