package dev.signalyard.queryapi.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.testsupport.OidcTestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Walks a browser through the authorization-code login against the mock OIDC provider, following
 * each redirect by hand, and returns the session cookie the service sets at the end.
 */
final class BrowserLogin {

  static final String CLIENT_ID = "signalyard-dashboard";
  static final String REGISTRATION = "keycloak";

  private BrowserLogin() {}

  /** The client registration of the dashboard login, as a deployment would set it. */
  static Map<String, String> clientProperties(String issuer) {
    String prefix = "spring.security.oauth2.client.";
    return Map.of(
        prefix + "registration." + REGISTRATION + ".client-id",
        CLIENT_ID,
        prefix + "registration." + REGISTRATION + ".client-secret",
        "dashboard-secret",
        prefix + "registration." + REGISTRATION + ".scope",
        "openid,profile",
        prefix + "provider." + REGISTRATION + ".issuer-uri",
        issuer);
  }

  /**
   * Logs {@code subject} in with the given token claims and returns the value of the {@code
   * SESSION} cookie of the logged-in session.
   */
  static String login(
      WebTestClient client,
      OidcTestServer oidc,
      String issuerId,
      String subject,
      Map<String, Object> claims)
      throws IOException, InterruptedException {
    // A browser asking for a page is sent to the login, which starts at the provider.
    EntityExchangeResult<byte[]> page =
        client.get().uri("/").accept(MediaType.TEXT_HTML).exchange().expectBody().returnResult();
    assertThat(page.getStatus().value()).isEqualTo(302);
    String loginStart = page.getResponseHeaders().getLocation().toString();
    assertThat(loginStart).endsWith("/oauth2/authorization/" + REGISTRATION);

    EntityExchangeResult<byte[]> start =
        client.get().uri(loginStart).exchange().expectBody().returnResult();
    assertThat(start.getStatus().value()).isEqualTo(302);
    URI authorize = start.getResponseHeaders().getLocation();
    assertThat(authorize.toString()).startsWith(oidc.issuerUrl(issuerId));
    String session = cookie(start, "SESSION");

    oidc.server()
        .enqueueCallback(
            new DefaultOAuth2TokenCallback(
                issuerId, subject, "JWT", List.of(CLIENT_ID), claims, 3600));
    HttpResponse<Void> provider =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(authorize).GET().build(),
                HttpResponse.BodyHandlers.discarding());
    assertThat(provider.statusCode()).isEqualTo(302);
    URI callback = URI.create(provider.headers().firstValue(HttpHeaders.LOCATION).orElseThrow());
    assertThat(callback.getPath()).isEqualTo("/login/oauth2/code/" + REGISTRATION);
    assertThat(callback.getRawQuery()).as("the provider's answer").contains("code=");

    EntityExchangeResult<byte[]> done =
        client
            .get()
            .uri(callback) // as sent: a template would encode the state a second time
            .cookie("SESSION", session)
            .exchange()
            .expectBody()
            .returnResult();
    assertThat(done.getResponseHeaders().getLocation()).as("where the login ends").hasPath("/");
    String loggedIn = cookie(done, "SESSION");
    // A new session id after login: a session fixed before the login is worthless.
    assertThat(loggedIn).isNotEqualTo(session);
    return loggedIn;
  }

  static String cookie(EntityExchangeResult<?> result, String name) {
    ResponseCookie cookie = result.getResponseCookies().getFirst(name);
    assertThat(cookie).as("cookie " + name).isNotNull();
    return cookie.getValue();
  }
}
