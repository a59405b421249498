package dev.signalyard.testsupport;

import java.net.InetAddress;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;

/**
 * An OpenID Connect provider shared by every test in the JVM: NAV's {@link MockOAuth2Server} on a
 * random loopback port.
 *
 * <p>Every path segment is an issuer of its own: {@code issuerUrl("signalyard")} serves discovery
 * at {@code <issuer>/.well-known/openid-configuration} and its signing keys at the {@code jwks_uri}
 * named there. Issuer URLs name the host {@code localhost}, as the mock server does, and tokens
 * carry exactly that {@code iss}.
 *
 * <p>Thread-safe: {@link #shared()} starts the server on first use and returns the same instance to
 * every caller; a JVM shutdown hook stops it. All methods may be called from any thread.
 *
 * <p>Use it from a Spring resource-server test with
 *
 * <pre>{@code
 * OidcTestServer oidc = OidcTestServer.shared();
 * registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> oidc.issuerUrl("signalyard"));
 * String bearer = oidc.token("signalyard", "alice", Map.of("scope", "events:read"));
 * }</pre>
 */
public final class OidcTestServer {

  /** The audience ({@code aud}) of every token that {@link #token} issues. */
  public static final String AUDIENCE = "signalyard";

  private static final JvmSingleton<OidcTestServer> SHARED =
      new JvmSingleton<>("OIDC test server", OidcTestServer::start, OidcTestServer::stop);

  private static final long TOKEN_LIFETIME_SECONDS = 3600;

  private final MockOAuth2Server server;

  private OidcTestServer(MockOAuth2Server server) {
    this.server = server;
  }

  /** Returns the JVM's server, starting it on the first call. */
  public static OidcTestServer shared() {
    return SHARED.get();
  }

  /** The issuer URL for the issuer id, e.g. {@code http://localhost:40123/signalyard}. */
  public String issuerUrl(String issuerId) {
    return server.issuerUrl(issuerId).toString();
  }

  /**
   * Issues an RS256-signed JWT access token from the issuer, for the subject, with audience {@value
   * #AUDIENCE}, valid for an hour, carrying the given claims next to the standard ones.
   *
   * @return the compact serialized token, ready for an {@code Authorization: Bearer} header
   */
  public String token(String issuerId, String subject, Map<String, Object> claims) {
    return server
        .issueToken(issuerId, subject, AUDIENCE, claims, TOKEN_LIFETIME_SECONDS)
        .serialize();
  }

  /** The underlying mock server, for anything this class does not cover. */
  public MockOAuth2Server server() {
    return server;
  }

  @Override
  public String toString() {
    return "OidcTestServer[" + server.baseUrl() + "]";
  }

  private static OidcTestServer start() {
    MockOAuth2Server server = new MockOAuth2Server();
    server.start(InetAddress.getLoopbackAddress(), 0);
    return new OidcTestServer(server);
  }

  private void stop() {
    server.shutdown();
  }
}
