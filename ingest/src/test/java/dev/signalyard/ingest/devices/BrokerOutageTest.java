package dev.signalyard.ingest.devices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.ingest.IngestApplication;
import dev.signalyard.ingest.WebhookTestBase;
import dev.signalyard.testsupport.KafkaBrokerProcess;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * With the broker killed (-9) the webhook must answer 503 within RockBLOCK's 3 s, never 200, and a
 * tracker batch must be answered 503 as a whole; once the broker is back it accepts again. The
 * broker runs as its own process so it can really die.
 */
@SpringBootTest(
    classes = IngestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class BrokerOutageTest {

  static final KafkaBrokerProcess broker = KafkaBrokerProcess.start();

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add("signalyard.kafka.bootstrap-servers", broker::bootstrapServers);
    registry.add(
        "signalyard.ingest.trackers.secrets." + WebhookTestBase.FLEET,
        () -> WebhookTestBase.FLEET_SECRET);
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Autowired WebTestClient client;

  @Test
  void answers503WithinThreeSecondsWhileTheBrokerIsDownAnd200AfterItReturns() throws IOException {
    String body = RockBlockWebhookTest.resource("rockblock/mo-form-capture.txt");
    post(body).expectStatus().isOk();

    broker.killHard();
    for (int attempt = 0; attempt < 3; attempt++) {
      long started = System.nanoTime();
      EntityExchangeResult<byte[]> result =
          post(body)
              .expectStatus()
              .isEqualTo(503)
              .expectHeader()
              .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
              .expectHeader()
              .exists("Retry-After")
              .expectBody()
              .jsonPath("$.type")
              .isEqualTo("urn:signalyard:problem:broker-unavailable")
              .returnResult();
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertThat(took)
          .as("503 of attempt %d: %s", attempt, result)
          .isLessThan(Duration.ofSeconds(3));
    }
    String batch =
        """
        {"id":"outage-1","time":"2026-11-22T10:00:00Z","lat":1,"lon":2}
        {"id":"outage-2","time":"2026-11-22T10:00:00Z","lat":1,"lon":2}
        """;
    client
        .post()
        .uri("/webhooks/devices")
        .contentType(MediaType.APPLICATION_NDJSON)
        .header("X-Signalyard-Source", WebhookTestBase.FLEET)
        .header(
            "X-Signalyard-Signature",
            WebhookTestBase.signature(WebhookTestBase.FLEET_SECRET, batch))
        .bodyValue(batch)
        .exchange()
        .expectStatus()
        .isEqualTo(503)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("urn:signalyard:problem:broker-unavailable");

    broker.restart();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    int status = 0;
    while (System.nanoTime() < deadline && status != 200) {
      status = post(body).returnResult(String.class).getStatus().value();
      assertThat(status).isIn(200, 503);
    }
    assertThat(status).isEqualTo(200);
  }

  private WebTestClient.ResponseSpec post(String body) {
    return client
        .post()
        .uri("/webhooks/rockblock")
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .bodyValue(body)
        .exchange();
  }
}
