package dev.signalyard.queryapi.stores;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.testsupport.OidcTestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * With an identity provider configured, the replicas' internal endpoints are let through the
 * security chain only when they authenticate with the shared token; without a token configured they
 * need a bearer token with the read role, like any other GET.
 */
class InternalEndpointAccessTest {

  private static final OidcTestServer OIDC = OidcTestServer.shared();
  private static final String ISSUER = "signalyard";
  private static final String PATH = InternalStoreController.PATH + "/300234010000001";

  private static Path stateRoot;

  @BeforeAll
  static void stateRoot() throws IOException {
    stateRoot = Files.createTempDirectory("internal-endpoint-access-");
  }

  @AfterAll
  static void deleteStateRoot() throws IOException {
    FileSystemUtils.deleteRecursively(stateRoot);
  }

  @Test
  void withATokenTheEndpointsNeedItAndNoBearerToken() {
    try (QueryReplica replica = secured(Map.of()).start()) {
      HttpResponse<String> without = replica.getRefused(PATH, Map.of());
      assertThat(without.statusCode()).isEqualTo(401);
      // Refused by the endpoint itself, not by the bearer-token chain.
      assertThat(without.headers().firstValue("WWW-Authenticate")).isEmpty();
      assertThat(without.body()).contains(InternalStoreController.TOKEN_HEADER);

      HttpResponse<String> with =
          replica.get(PATH, Map.of(InternalStoreController.TOKEN_HEADER, QueryReplica.TOKEN));
      assertThat(with.statusCode()).isIn(200, 404, 503);
      assertThat(with.headers().firstValue("WWW-Authenticate")).isEmpty();

      // The token opens nothing but the internal endpoints.
      assertThat(
              replica
                  .getRefused(
                      "/api/devices",
                      Map.of(InternalStoreController.TOKEN_HEADER, QueryReplica.TOKEN))
                  .statusCode())
          .isEqualTo(401);
    }
  }

  @Test
  void withoutATokenTheEndpointsNeedTheReadRole() {
    try (QueryReplica replica =
        secured(Map.of("signalyard.query.stores.internal-token", "")).start()) {
      HttpResponse<String> anonymous = replica.getRefused(PATH, Map.of());
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();

      String reader =
          OIDC.token(
              ISSUER, "rhea", Map.of("realm_access", Map.of("roles", List.of("signalyard-read"))));
      HttpResponse<String> withRole =
          replica.get(PATH, Map.of("Authorization", "Bearer " + reader));
      assertThat(withRole.statusCode()).isIn(200, 404, 503);
    }
  }

  @Test
  void callsWithTheTokenAreNotRateLimitedOtherCallsAre() {
    int capacity = 3;
    try (QueryReplica replica =
        secured(
                Map.of(
                    "signalyard.query.rate-limit.enabled", "true",
                    "signalyard.query.rate-limit.capacity", Integer.toString(capacity),
                    "signalyard.query.rate-limit.period", "1h"))
            .start()) {
      for (int i = 0; i < capacity * 4; i++) {
        HttpResponse<String> internal =
            replica.get(PATH, Map.of(InternalStoreController.TOKEN_HEADER, QueryReplica.TOKEN));
        assertThat(internal.statusCode()).as("internal call %d", i).isIn(200, 404, 503);
      }
      // A wrong token is counted like any anonymous request: the bucket of 127.0.0.1 runs out.
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i <= capacity; i++) {
        statuses.add(
            replica
                .getRefused(PATH, Map.of(InternalStoreController.TOKEN_HEADER, "not-the-token"))
                .statusCode());
      }
      assertThat(statuses).contains(429).doesNotContain(200);
    }
  }

  private static QueryReplica secured(Map<String, String> more) {
    Map<String, String> properties = new HashMap<>(more);
    properties.put("signalyard.security.issuer-uri", OIDC.issuerUrl(ISSUER));
    return new QueryReplica(
        "signalyard-query-api-access-" + UUID.randomUUID(),
        stateRoot.resolve(UUID.randomUUID().toString()),
        properties);
  }
}
