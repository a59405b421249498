package dev.signalyard.queryapi.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.queryapi.QueryApiApplication;
import dev.signalyard.testsupport.KafkaTestBroker;
import dev.signalyard.testsupport.OidcTestServer;
import dev.signalyard.testsupport.RedisTestServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The production shape with Redis: roles from the reference's base64 privileges claim and the
 * seeds' {@code ROLE_CHECK} / {@code ROLE_CHECK_READ}, web sessions and rate-limit buckets in
 * Redis.
 */
@SpringBootTest(
    classes = QueryApiApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "ROLE_CHECK=fleet-admin",
      "ROLE_CHECK_READ=fleet-viewer",
      "signalyard.security.roles-claim=privileges_b64",
      "signalyard.security.roles-claim-format=BASE64",
      "signalyard.query.rate-limit.capacity=" + RedisSessionsAndPrivilegesTest.CAPACITY,
      "signalyard.query.rate-limit.period=1h"
    })
@AutoConfigureWebTestClient(timeout = "30s")
class RedisSessionsAndPrivilegesTest {

  static final int CAPACITY = 10;
  static final String IMEI = "300234010753370";
  static final OidcTestServer OIDC = OidcTestServer.shared();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add(
        "signalyard.kafka.bootstrap-servers", () -> KafkaTestBroker.shared().bootstrapServers());
    registry.add("signalyard.security.issuer-uri", () -> OIDC.issuerUrl(Tokens.ISSUER));
    registry.add("spring.data.redis.host", () -> RedisTestServer.shared().host());
    registry.add("spring.data.redis.port", () -> RedisTestServer.shared().port());
    BrowserLogin.clientProperties(OIDC.issuerUrl(Tokens.ISSUER))
        .forEach((k, v) -> registry.add(k, () -> v));
  }

  @Autowired WebTestClient client;

  static Map<String, Object> privileges(String text) {
    return Map.of(
        "privileges_b64",
        Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void base64PrivilegesClaimGrantsReadAndWrite() {
    String reader = OIDC.token(Tokens.ISSUER, "viv", privileges("fleet-viewer,other"));
    client
        .get()
        .uri("/api/devices")
        .headers(h -> h.setBearerAuth(reader))
        .exchange()
        .expectStatus()
        .isOk();
    client
        .post()
        .uri("/api/devices/{imei}/commands", IMEI)
        .headers(h -> h.setBearerAuth(reader))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("text", "hello"))
        .exchange()
        .expectStatus()
        .isForbidden();

    String admin = OIDC.token(Tokens.ISSUER, "ada", privileges("[\"fleet-admin\"]"));
    EntityExchangeResult<byte[]> write =
        client
            .post()
            .uri("/api/devices/{imei}/commands", IMEI)
            .headers(h -> h.setBearerAuth(admin))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("text", "hello"))
            .exchange()
            .expectBody()
            .returnResult();
    assertThat(write.getStatus().value()).isNotIn(401, 403);

    // Whole entries only: the reference's substring match would have let this one read.
    String lookalike = OIDC.token(Tokens.ISSUER, "lia", privileges("fleet-viewer-old"));
    client
        .get()
        .uri("/api/devices")
        .headers(h -> h.setBearerAuth(lookalike))
        .exchange()
        .expectStatus()
        .isForbidden();
  }

  @Test
  void rateLimitPerPrincipalIsKeptInRedis() {
    String subject = "busy-" + UUID.randomUUID();
    String token = OIDC.token(Tokens.ISSUER, subject, privileges("fleet-viewer"));
    for (int i = 0; i < CAPACITY; i++) {
      client
          .get()
          .uri("/api/devices")
          .headers(h -> h.setBearerAuth(token))
          .exchange()
          .expectStatus()
          .isOk();
    }
    client
        .get()
        .uri("/api/devices")
        .headers(h -> h.setBearerAuth(token))
        .exchange()
        .expectStatus()
        .isEqualTo(429)
        .expectHeader()
        .value(HttpHeaders.RETRY_AFTER, value -> assertThat(Long.parseLong(value)).isPositive())
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("urn:signalyard:problem:too-many-requests");

    // Another principal has a bucket of its own.
    String other =
        OIDC.token(Tokens.ISSUER, "calm-" + UUID.randomUUID(), privileges("fleet-viewer"));
    client
        .get()
        .uri("/api/devices")
        .headers(h -> h.setBearerAuth(other))
        .exchange()
        .expectStatus()
        .isOk();

    assertThat(redisKeys("signalyard:rate-limit:user:" + subject)).isEqualTo(1);
  }

  @Test
  void loginSessionLivesInRedis() throws Exception {
    String session =
        BrowserLogin.login(client, OIDC, Tokens.ISSUER, "sam", privileges("fleet-viewer"));
    client.get().uri("/api/devices").cookie("SESSION", session).exchange().expectStatus().isOk();
    assertThat(redisKeys("signalyard:sessions:sessions:*")).isPositive();
  }

  private static long redisKeys(String pattern) {
    RedisClient redis = RedisClient.create(RedisTestServer.shared().uri());
    try (StatefulRedisConnection<String, String> connection = redis.connect()) {
      return connection.sync().keys(pattern).size();
    } finally {
      redis.shutdown();
    }
  }
}
