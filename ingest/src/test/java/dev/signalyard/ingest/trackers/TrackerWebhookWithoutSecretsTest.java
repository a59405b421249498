package dev.signalyard.ingest.trackers;

import dev.signalyard.ingest.IngestApplication;
import dev.signalyard.ingest.WebhookTestBase;
import dev.signalyard.ingest.web.HmacSignatures;
import dev.signalyard.testsupport.KafkaTestBroker;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** With no tracker secret configured, the tracker webhook refuses every request, saying why. */
@SpringBootTest(
    classes = IngestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class TrackerWebhookWithoutSecretsTest {

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add(
        "signalyard.kafka.bootstrap-servers", () -> KafkaTestBroker.shared().bootstrapServers());
  }

  @Autowired WebTestClient client;

  @Test
  void refusesEveryRequest() {
    String body = "{\"id\":\"t\",\"time\":\"2026-11-22T10:00:00Z\",\"lat\":1,\"lon\":2}";

    TrackerWebhookTest.expectUnauthorized(
        client
            .post()
            .uri("/webhooks/devices")
            .contentType(MediaType.APPLICATION_JSON)
            .header(HmacSignatures.SOURCE_HEADER, WebhookTestBase.FLEET)
            .header(
                HmacSignatures.SIGNATURE_HEADER,
                WebhookTestBase.signature(WebhookTestBase.FLEET_SECRET, body))
            .bodyValue(body)
            .exchange(),
        "No tracker sources are configured");
  }
}
