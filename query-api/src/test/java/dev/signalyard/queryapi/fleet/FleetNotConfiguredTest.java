package dev.signalyard.queryapi.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.queryapi.QueryApiApplication;
import dev.signalyard.testsupport.KafkaTestBroker;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Without a fleet database the fleet reference endpoints answer 503, the rest keeps working. */
@SpringBootTest(
    classes = QueryApiApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class FleetNotConfiguredTest {

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add(
        "signalyard.kafka.bootstrap-servers", () -> KafkaTestBroker.shared().bootstrapServers());
  }

  @Autowired WebTestClient client;

  @Test
  void answers503NamingTheMissingDatabase() {
    for (String uri :
        new String[] {
          "/api/fleet/locations", "/api/fleet/vehicles/1000000", "/api/fleet/settings"
        }) {
      client
          .method(HttpMethod.GET)
          .uri(uri)
          .exchange()
          .expectStatus()
          .isEqualTo(503)
          .expectBody()
          .jsonPath("$.type")
          .isEqualTo("urn:signalyard:problem:fleet-not-configured")
          .jsonPath("$.detail")
          .value(detail -> assertThat((String) detail).startsWith("fleet database not configured"));
    }
    client.get().uri("/api/devices").exchange().expectStatus().isOk();
  }
}
