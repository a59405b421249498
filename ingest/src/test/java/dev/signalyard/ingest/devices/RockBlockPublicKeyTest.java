package dev.signalyard.ingest.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalyard.ingest.TestJwts;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RockBlockPublicKeyTest {

  @Test
  void loadsGroundControlsPublishedKeyFromTheClasspath() {
    RSAPublicKey key = RockBlockPublicKey.load("classpath:rockblock/ground-control-public-key.pem");

    assertThat(key.getModulus().bitLength()).isEqualTo(2048);
    assertThat(key.getPublicExponent()).isEqualTo(BigInteger.valueOf(65537));
  }

  @Test
  void loadsPemTextAndFiles(@TempDir Path dir) throws IOException {
    String pem = TestJwts.publicKeyPem(TestJwts.ROCK7);
    Path file = Files.writeString(dir.resolve("key.pem"), pem);

    assertThat(RockBlockPublicKey.load(pem)).isEqualTo(TestJwts.ROCK7.getPublic());
    assertThat(RockBlockPublicKey.load("file:" + file)).isEqualTo(TestJwts.ROCK7.getPublic());
  }

  @Test
  void refusesNetworkLocationsAndGarbage() {
    assertThatThrownBy(() -> RockBlockPublicKey.load("https://example.com/key.pem"))
        .hasMessageContaining("classpath: or file:");
    assertThatThrownBy(
            () ->
                RockBlockPublicKey.load(
                    "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"))
        .hasMessageContaining("not an RSA public key");
    assertThatThrownBy(() -> RockBlockPublicKey.load("classpath:rockblock/missing.pem"))
        .hasMessageContaining("cannot read");
  }
}
