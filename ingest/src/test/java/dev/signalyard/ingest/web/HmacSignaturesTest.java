package dev.signalyard.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalyard.ingest.WebhookTestBase;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HmacSignaturesTest {

  private static final String SECRET = "a-secret-of-enough-length";
  private static final String BODY = "{\"id\":\"t1\"}";
  private final HmacSignatures signatures = trackers(Map.of("fleet", SECRET));

  /** Configured as the tracker webhook configures it. */
  private static HmacSignatures trackers(Map<String, String> secrets) {
    return new HmacSignatures(
        "trackers",
        secrets,
        "No tracker sources are configured on this server"
            + " (signalyard.ingest.trackers.secrets), so every request is refused",
        "The X-Signalyard-Source header is missing",
        "The X-Signalyard-Source header is not a valid source name");
  }

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
    HmacSignatures none = trackers(Map.of());
    assertThatThrownBy(
            () ->
                none.authenticate(
                    "fleet",
                    WebhookTestBase.signature(SECRET, BODY),
                    BODY.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(UnauthorizedException.class)
        .hasMessageContaining("No tracker sources are configured");
  }

  @Test
  void refusesWithTheChallengeOfItsRealmAndSaysNothingWasAccepted() {
    assertThat(signatures.challenge()).isEqualTo("Signalyard-HMAC-SHA256 realm=\"trackers\"");
    assertThatThrownBy(() -> authenticate("fleet", null, BODY))
        .isInstanceOfSatisfying(
            UnauthorizedException.class,
            e -> assertThat(e.challenge()).isEqualTo("Signalyard-HMAC-SHA256 realm=\"trackers\""))
        .hasMessageEndingWith(". Nothing was accepted.");
  }

  @Test
  void refusesABlankSourceAsMissing() {
    assertRefused("  ", WebhookTestBase.signature(SECRET, BODY), BODY, "header is missing");
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
