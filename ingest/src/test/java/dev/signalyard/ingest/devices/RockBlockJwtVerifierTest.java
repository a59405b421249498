package dev.signalyard.ingest.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalyard.ingest.TestJwts;
import dev.signalyard.ingest.web.UnauthorizedException;
import dev.signalyard.platform.web.InvalidRequestException;
import java.security.interfaces.RSAPublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RockBlockJwtVerifierTest {

  private final RockBlockJwtVerifier verifier =
      new RockBlockJwtVerifier((RSAPublicKey) TestJwts.ROCK7.getPublic());

  private final Map<String, Object> claims =
      TestJwts.claims(
          Map.of(
              "imei", "300234068036650",
              "momsn", "932",
              "transmit_time", "22-02-01 22:25:31",
              "data", "41626364"));

  @Test
  void returnsTheClaimsOfAValidTokenAsFields() {
    Map<String, String> fields = verifier.verifiedFields(TestJwts.sign(claims, TestJwts.ROCK7));

    assertThat(fields)
        .containsEntry("imei", "300234068036650")
        .containsEntry("momsn", "932")
        .containsEntry("transmit_time", "22-02-01 22:25:31")
        .containsEntry("iat", "1643754332")
        .doesNotContainKey("iss");
  }

  @Test
  void refusesATokenSignedWithAnotherKey() {
    assertUnauthorized(TestJwts.sign(claims, TestJwts.OTHER), "does not verify");
  }

  @Test
  void refusesATokenWhosePayloadWasChanged() {
    assertUnauthorized(TestJwts.tampered(claims, "momsn", "933"), "does not verify");
  }

  @Test
  void refusesAnotherIssuer() {
    Map<String, Object> other = new LinkedHashMap<>(claims);
    other.put("iss", "Rock 8");

    assertUnauthorized(TestJwts.sign(other, TestJwts.ROCK7), "issuer must be 'Rock 7'");
  }

  @Test
  void refusesHs256KeyedWithThePublicKey() {
    assertUnauthorized(TestJwts.hs256WithPublicKey(claims), "RS256");
  }

  @Test
  void refusesAnUnsecuredToken() {
    assertUnauthorized(TestJwts.unsecured(claims), "not a signed JWT");
  }

  @Test
  void refusesGarbage() {
    assertUnauthorized("eyJhbGciOiJSUzI1NiJ9.not-a-token", "not a signed JWT");
  }

  @Test
  void rejectsAVerifiedTokenWithNonStringClaimsAsInvalid() {
    Map<String, Object> numeric = new LinkedHashMap<>(claims);
    numeric.put("momsn", 932);

    assertThatThrownBy(() -> verifier.verifiedFields(TestJwts.sign(numeric, TestJwts.ROCK7)))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> assertThat(e.errors().get(0).message()).contains("'momsn' must be a string"));
  }

  private void assertUnauthorized(String token, String reason) {
    assertThatThrownBy(() -> verifier.verifiedFields(token))
        .isInstanceOf(UnauthorizedException.class)
        .hasMessageContaining(reason);
  }
}
