package dev.signalyard.queryapi.commands;

import dev.signalyard.queryapi.QueryApiApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** With no Kafka to acknowledge, a command is refused with 503 and nothing is accepted. */
@SpringBootTest(
    classes = QueryApiApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "signalyard.query.commands.ack-timeout=1s",
      "signalyard.kafka.create-topics=false"
    })
@AutoConfigureWebTestClient(timeout = "30s")
class DeviceCommandBrokerOutageTest {

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add("signalyard.kafka.bootstrap-servers", () -> "127.0.0.1:" + closedPort());
  }

  @Autowired WebTestClient client;

  @Test
  void answers503WithRetryAfterWhenKafkaDoesNotAcknowledge() {
    client
        .post()
        .uri("/api/devices/{imei}/commands", "300234010753370")
        .bodyValue(Map.of("text", "hi"))
        .exchange()
        .expectStatus()
        .isEqualTo(503)
        .expectHeader()
        .valueEquals("Retry-After", "5")
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("urn:signalyard:problem:broker-unavailable");
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
