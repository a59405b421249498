package dev.signalyard.queryapi.fleet.simulations;

import dev.signalyard.queryapi.QueryApiApplication;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** With no Kafka to acknowledge, a run is refused with 503 and Retry-After, never accepted. */
@SpringBootTest(
    classes = QueryApiApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "signalyard.fleet.simulations.ack-timeout=1s",
      "signalyard.kafka.create-topics=false"
    })
@AutoConfigureWebTestClient(timeout = "30s")
class SimulationRunBrokerOutageTest {

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add("signalyard.kafka.bootstrap-servers", () -> "127.0.0.1:" + closedPort());
  }

  @Autowired WebTestClient client;

  @Test
  void answers503WithRetryAfterWhenKafkaDoesNotAcknowledge() {
    client
        .post()
        .uri("/api/fleet/simulations")
        .bodyValue(SimulationRunApiTest.REQUEST)
        .exchange()
        .expectStatus()
        .isEqualTo(503)
        .expectHeader()
        .valueEquals("Retry-After", "5")
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("urn:signalyard:problem:broker-unavailable")
        .jsonPath("$.detail")
        .value(
            detail ->
                org.assertj.core.api.Assertions.assertThat((String) detail)
                    .endsWith("The run was not requested; retry."));
  }

  /** A port nothing listens on: bound, then released. */
  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
