package dev.signalyard.queryapi.fleet.trips;

import dev.signalyard.queryapi.QueryApiApplication;
import dev.signalyard.testsupport.KafkaTestBroker;
import dev.signalyard.testsupport.OidcTestServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Uploading trips needs the write role: with an identity provider configured, no token is 401 and
 * the read role 403, both before the file is looked at.
 */
@SpringBootTest(
    classes = QueryApiApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class TripUploadAccessTest {

  static final String ISSUER = "signalyard";
  static final OidcTestServer OIDC = OidcTestServer.shared();
  static final byte[] FILE =
      ("vehicleId,tripId,startTime,endTime,startLatitude,startLongitude,endLatitude,endLongitude,"
              + "distanceKm\n"
              + "5401,ACL-1,2024-05-02T07:00:00Z,2024-05-02T07:30:00Z,55.4,10.38,55.41,10.34,4.9\n")
          .getBytes(StandardCharsets.UTF_8);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add(
        "signalyard.kafka.bootstrap-servers", () -> KafkaTestBroker.shared().bootstrapServers());
    registry.add("signalyard.security.issuer-uri", () -> OIDC.issuerUrl(ISSUER));
  }

  @Autowired WebTestClient client;

  @Test
  void refusesUploadsWithoutTheWriteRole() {
    client
        .post()
        .uri("/api/fleet/trips")
        .contentType(MediaType.parseMediaType("text/csv"))
        .bodyValue(FILE)
        .exchange()
        .expectStatus()
        .isUnauthorized();
    client
        .post()
        .uri("/api/fleet/trips")
        .headers(h -> h.setBearerAuth(token("signalyard-read")))
        .contentType(MediaType.parseMediaType("text/csv"))
        .bodyValue(FILE)
        .exchange()
        .expectStatus()
        .isForbidden();
  }

  @Test
  void acceptsUploadsWithTheWriteRole() {
    client
        .post()
        .uri("/api/fleet/trips")
        .headers(h -> h.setBearerAuth(token("signalyard-write")))
        .contentType(MediaType.parseMediaType("text/csv"))
        .bodyValue(FILE)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.trips")
        .isEqualTo(1);
  }

  private static String token(String role) {
    return OIDC.token(ISSUER, "uploader", Map.of("realm_access", Map.of("roles", List.of(role))));
  }
}
