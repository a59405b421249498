package dev.signalyard.queryapi.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.queryapi.QueryApiApplication;
import dev.signalyard.testsupport.KafkaTestBroker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Limits without an identity provider or Redis: anonymous requests share their client address's
 * in-memory bucket; oversized bodies are refused with 413.
 */
@SpringBootTest(
    classes = QueryApiApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    // Through main(), so the service's own defaults apply: actuator on its management port.
    useMainMethod = SpringBootTest.UseMainMethod.ALWAYS,
    properties = {
      "signalyard.query.rate-limit.capacity=" + OpenAccessLimitsTest.CAPACITY,
      "signalyard.query.rate-limit.period=1h",
      "signalyard.query.max-body-size=64B"
    })
@AutoConfigureWebTestClient(timeout = "30s")
class OpenAccessLimitsTest {

  static final int CAPACITY = 5;

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add(
        "signalyard.kafka.bootstrap-servers", () -> KafkaTestBroker.shared().bootstrapServers());
  }

  @Autowired WebTestClient client;

  @LocalManagementPort int managementPort;

  @Test
  void anonymousClientsAreLimitedByAddressWithRetryAfter() {
    // Other tests of this class may have spent some of the address's tokens; within one more
    // bucket's worth of requests the limit must answer.
    List<Integer> statuses = new ArrayList<>();
    EntityExchangeResult<byte[]> refused = null;
    for (int i = 0; i <= CAPACITY && refused == null; i++) {
      EntityExchangeResult<byte[]> result =
          client.get().uri("/api/devices").exchange().expectBody().returnResult();
      statuses.add(result.getStatus().value());
      if (result.getStatus().value() == 429) {
        refused = result;
      }
    }
    assertThat(refused).as("statuses %s", statuses).isNotNull();
    assertThat(Long.parseLong(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)))
        .isPositive();
    assertThat(refused.getResponseHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(new String(refused.getResponseBodyContent()))
        .contains("urn:signalyard:problem:too-many-requests");
    // The kubelet's probes come from one address too; they must never be refused.
    WebTestClient.bindToServer()
        .baseUrl("http://127.0.0.1:" + managementPort)
        .build()
        .get()
        .uri("/actuator/health")
        .exchange()
        .expectStatus()
        .value(s -> assertThat(s).isIn(200, 503));
  }

  @Test
  void oversizedBodyGets413Problem() {
    client
        .post()
        .uri("/api/devices/300234010753370/commands")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"text\":\"" + "a".repeat(100) + "\"}")
        .exchange()
        .expectStatus()
        .isEqualTo(413)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("urn:signalyard:problem:payload-too-large");
  }
}
