package dev.signalyard.ingest.trackers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalyard.ingest.WebhookTestBase;
import dev.signalyard.ingest.web.UnauthorizedException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrackerSignaturesTest {

  private static final String SECRET = "a-secret-of-enough-length";
  private static final String BODY = "{\"id\":\"t1\"}";
  private final TrackerSignatures signatures = new TrackerSignatures(Map.of("fleet", SECRET));

  @Test
  void acceptsTheHmacOfTheExactBody() {
    assertThat(authenticate("fleet", WebhookTestBase.signature(SECRET, BODY), BODY))
        .isEqualTo("fleet");
    assertThat(
            authenticate(
                "fleet",
                WebhookTestBase.signature(SECRET, BODY).toUpperCase().replace("SHA256=", "sha256="),
                BODY))
        .as("hex digits in either case")
        .isEqualTo("fleet");
  }

  @Test
  void refusesAnyOtherBodySecretOrSource() {
    String signature = WebhookTestBase.signature(SECRET, BODY);
    assertRefused("fleet", signature, BODY + " ", "does not match");
    assertRefused(
        "fleet",
        WebhookTestBase.signature("another-secret-entirely", BODY),
        BODY,
        "does not match");
    assertRefused("other", signature, BODY, "'other' is not configured");
    assertRefused(null, signature, BODY, "header is missing");
    assertRefused("fleet\nX-Injected: 1", signature, BODY, "not a valid source name");
  }

  @Test
  void refusesMalformedSignatureHeaders() {
    String hex = WebhookTestBase.signature(SECRET, BODY).substring("sha256=".length());
    assertRefused("fleet", null, BODY, "must be 'sha256='");
    assertRefused("fleet", hex, BODY, "must be 'sha256='");
    assertRefused("fleet", "sha1=" + hex, BODY, "must be 'sha256='");
    assertRefused("fleet", "sha256=" + hex.substring(2), BODY, "must be 'sha256='");
  }

  @Test
  void refusesEverythingWhenNoSourceIsConfigured() {
    TrackerSignatures none = new TrackerSignatures(Map.of());
    assertThatThrownBy(
            () ->
                none.authenticate(
                    "fleet",
                    WebhookTestBase.signature(SECRET, BODY),
                    BODY.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(UnauthorizedException.class)
        .hasMessageContaining("No tracker sources are configured");
  }

  private String authenticate(String source, String signature, String body) {
    return signatures.authenticate(source, signature, body.getBytes(StandardCharsets.UTF_8));
  }

  private void assertRefused(String source, String signature, String body, String reason) {
    assertThatThrownBy(() -> authenticate(source, signature, body))
        .isInstanceOf(UnauthorizedException.class)
        .hasMessageContaining(reason);
  }
}
