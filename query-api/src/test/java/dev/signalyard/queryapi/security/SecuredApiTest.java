package dev.signalyard.queryapi.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.queryapi.QueryApiApplication;
import dev.signalyard.testsupport.KafkaTestBroker;
import dev.signalyard.testsupport.OidcTestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
 * The API with an issuer and a dashboard login configured, against the mock OIDC provider: bearer
 * tokens, roles, problem bodies, the code-grant login with an in-memory session, CSRF and CORS.
 */
@SpringBootTest(
    classes = QueryApiApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    // Through main(), so the service's own defaults apply: actuator on its management port.
    useMainMethod = SpringBootTest.UseMainMethod.ALWAYS)
@AutoConfigureWebTestClient(timeout = "30s")
class SecuredApiTest {

  static final String IMEI = "300234010753370";
  static final String DASHBOARD = "https://dashboard.example.org";

  static final OidcTestServer OIDC = OidcTestServer.shared();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add(
        "signalyard.kafka.bootstrap-servers", () -> KafkaTestBroker.shared().bootstrapServers());
    registry.add("signalyard.security.issuer-uri", () -> OIDC.issuerUrl(Tokens.ISSUER));
    registry.add("signalyard.security.cors-allowed-origins", () -> DASHBOARD);
    BrowserLogin.clientProperties(OIDC.issuerUrl(Tokens.ISSUER))
        .forEach((k, v) -> registry.add(k, () -> v));
  }

  @Autowired WebTestClient client;

  @LocalManagementPort int managementPort;

  @Test
  void anonymousApiRequestsGet401ProblemWithBearerChallenge() {
    client
        .get()
        .uri("/api/devices")
        .accept(MediaType.TEXT_HTML, MediaType.APPLICATION_JSON)
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"signalyard\".*")
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("urn:signalyard:problem:unauthorized")
        .jsonPath("$.status")
        .isEqualTo(401);
  }

  @Test
  void readRoleMayGetButNotPost() {
    String token = OIDC.token(Tokens.ISSUER, "rhea", Tokens.realmRoles(Tokens.READ));
    client
        .get()
        .uri("/api/devices")
        .headers(h -> h.setBearerAuth(token))
        .exchange()
        .expectStatus()
        .isOk();
    client
        .post()
        .uri("/api/devices/{imei}/commands", IMEI)
        .headers(h -> h.setBearerAuth(token))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("text", "hello"))
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("urn:signalyard:problem:forbidden")
        .jsonPath("$.detail")
        .value(detail -> assertThat(detail.toString()).contains(Tokens.WRITE));
  }

  @Test
  void writeRoleMayPost() {
    String token = OIDC.token(Tokens.ISSUER, "wanda", Tokens.realmRoles(Tokens.WRITE));
    EntityExchangeResult<byte[]> result =
        client
            .post()
            .uri("/api/devices/{imei}/commands", IMEI)
            .headers(h -> h.setBearerAuth(token))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("text", "hello"))
            .exchange()
            .expectBody()
            .returnResult();
    assertThat(result.getStatus().value()).isNotIn(401, 403);
    client
        .get()
        .uri("/api/devices")
        .headers(h -> h.setBearerAuth(token))
        .exchange()
        .expectStatus()
        .isOk();
  }

  @Test
  void authenticatedWithoutARoleGets403Problem() {
    String token = OIDC.token(Tokens.ISSUER, "nora", Tokens.realmRoles("offline_access"));
    client
        .get()
        .uri("/api/devices")
        .headers(h -> h.setBearerAuth(token))
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("urn:signalyard:problem:forbidden");
  }

  @Test
  void tokenOfAnotherIssuerGets401() {
    String token = OIDC.token("another-realm", "mallory", Tokens.realmRoles(Tokens.WRITE));
    client
        .get()
        .uri("/api/devices")
        .headers(h -> h.setBearerAuth(token))
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .valueMatches(HttpHeaders.WWW_AUTHENTICATE, ".*error=\"invalid_token\".*")
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("urn:signalyard:problem:unauthorized");
  }

  @Test
  void expiredTokenGets401() {
    // Issued two hours ago, valid for one: the mock takes explicit time claims over its own.
    long issued = Instant.now().minus(Duration.ofHours(2)).getEpochSecond();
    Map<String, Object> claims =
        Map.of(
            "realm_access",
            Map.of("roles", List.of(Tokens.WRITE)),
            "iat",
            issued,
            "nbf",
            issued,
            "exp",
            issued + 3600);
    String token =
        OIDC.server()
            .issueToken(Tokens.ISSUER, "old", OidcTestServer.AUDIENCE, claims, 3600)
            .serialize();
    client
        .get()
        .uri("/api/devices")
        .headers(h -> h.setBearerAuth(token))
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectBody()
        .jsonPath("$.detail")
        .value(detail -> assertThat(detail.toString()).containsIgnoringCase("expired"));
  }

  @Test
  void healthAndApiDocsNeedNoCredentials() {
    WebTestClient management =
        WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort).build();
    EntityExchangeResult<byte[]> health =
        management.get().uri("/actuator/health").exchange().expectBody().returnResult();
    assertThat(health.getStatus().value()).isIn(200, 503);
    client
        .get()
        .uri("/v3/api-docs")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.components.securitySchemes.bearer.scheme")
        .isEqualTo("bearer")
        .jsonPath("$.paths['/api/devices'].get.summary")
        .exists()
        .jsonPath("$.paths['/api/devices/{imei}/commands'].post.responses['403']")
        .exists();
    client.get().uri("/v3/api-docs.yaml").exchange().expectStatus().isOk();
    EntityExchangeResult<byte[]> ui =
        client.get().uri("/swagger-ui.html").exchange().expectBody().returnResult();
    assertThat(ui.getStatus().is3xxRedirection()).as("UI redirects to its page").isTrue();
    client
        .get()
        .uri(ui.getResponseHeaders().getLocation().toString())
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(page -> assertThat(page).contains("swagger-ui"));
  }

  @Test
  void metricsAnswerOnlyOnTheManagementPortAndThereWithoutCredentials() {
    WebTestClient management =
        WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort).build();
    management
        .get()
        .uri("/actuator/prometheus")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(body -> assertThat(body).contains("jvm_memory_used_bytes"));
    client.get().uri("/actuator/prometheus").exchange().expectStatus().isNotFound();
    client.get().uri("/actuator/health").exchange().expectStatus().isNotFound();
    // Everything else on the management port still needs a token.
    management.get().uri("/actuator/env").exchange().expectStatus().isUnauthorized();
  }

  @Test
  void corsPreflightFromAnAllowedOriginIsAnswered() {
    client
        .options()
        .uri("/api/devices")
        .header(HttpHeaders.ORIGIN, DASHBOARD)
        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, DASHBOARD);
    client
        .options()
        .uri("/api/devices")
        .header(HttpHeaders.ORIGIN, "https://evil.example.org")
        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
        .exchange()
        .expectStatus()
        .isForbidden();
  }

  @Test
  void browserLogsInWithTheCodeFlowAndUsesItsSessionWithCsrf() throws Exception {
    String session =
        BrowserLogin.login(client, OIDC, Tokens.ISSUER, "dora", Tokens.realmRoles(Tokens.WRITE));

    EntityExchangeResult<byte[]> read =
        client
            .get()
            .uri("/api/devices")
            .cookie("SESSION", session)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .returnResult();
    String csrf = BrowserLogin.cookie(read, SecurityConfiguration.CSRF_COOKIE);

    client
        .post()
        .uri("/api/devices/{imei}/commands", IMEI)
        .cookie("SESSION", session)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("text", "hello"))
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("urn:signalyard:problem:forbidden")
        .jsonPath("$.detail")
        .value(detail -> assertThat(detail.toString()).contains("X-XSRF-TOKEN"));

    EntityExchangeResult<byte[]> write =
        client
            .post()
            .uri("/api/devices/{imei}/commands", IMEI)
            .cookie("SESSION", session)
            .cookie(SecurityConfiguration.CSRF_COOKIE, csrf)
            .header("X-XSRF-TOKEN", csrf)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("text", "hello"))
            .exchange()
            .expectBody()
            .returnResult();
    assertThat(write.getStatus().value()).isNotIn(401, 403);
  }
}
