package dev.signalyard.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OidcTestServerTest {

  private static final String ISSUER_ID = "signalyard";

  private final OidcTestServer oidc = OidcTestServer.shared();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void sharedReturnsTheSameServerEveryTime() {
    assertThat(OidcTestServer.shared()).isSameAs(oidc);
  }

  @Test
  void discoveryDocumentNamesTheIssuer() throws Exception {
    String issuer = oidc.issuerUrl(ISSUER_ID);

    String discovery = get(issuer + "/.well-known/openid-configuration");

    assertThat(JsonPath.<String>read(discovery, "$.issuer")).isEqualTo(issuer);
  }

  @Test
  void tokenCarriesTheGivenClaims() {
    String token = oidc.token(ISSUER_ID, "alice", Map.of("scope", "events:read", "tenant", "acme"));

    String[] parts = token.split("\\.");
    assertThat(parts).hasSize(3);
    String header = decode(parts[0]);
    String payload = decode(parts[1]);
    assertThat(JsonPath.<String>read(header, "$.alg")).isEqualTo("RS256");
    assertThat(JsonPath.<String>read(payload, "$.iss")).isEqualTo(oidc.issuerUrl(ISSUER_ID));
    assertThat(JsonPath.<String>read(payload, "$.sub")).isEqualTo("alice");
    assertThat(JsonPath.<Object>read(payload, "$.aud"))
        .isIn(OidcTestServer.AUDIENCE, List.of(OidcTestServer.AUDIENCE));
    assertThat(JsonPath.<String>read(payload, "$.scope")).isEqualTo("events:read");
    assertThat(JsonPath.<String>read(payload, "$.tenant")).isEqualTo("acme");
  }

  @Test
  void tokenIsSignedWithAPublishedKey() throws Exception {
    String token = oidc.token(ISSUER_ID, "bob", Map.of());
    String discovery = get(oidc.issuerUrl(ISSUER_ID) + "/.well-known/openid-configuration");
    JWKSet keys = JWKSet.parse(get(JsonPath.read(discovery, "$.jwks_uri")));

    SignedJWT jwt = SignedJWT.parse(token);

    RSASSAVerifier verifier =
        new RSASSAVerifier(keys.getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey());
    assertThat(jwt.verify(verifier)).isTrue();
  }

  private String get(String url) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private static String decode(String base64Url) {
    return new String(Base64.getUrlDecoder().decode(base64Url), StandardCharsets.UTF_8);
  }
}
