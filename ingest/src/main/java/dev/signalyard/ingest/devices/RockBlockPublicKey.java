package dev.signalyard.ingest.devices;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;

/**
 * Reads the RSA public key that verifies RockBLOCK's JWTs from the {@code
 * signalyard.ingest.rockblock.public-key} setting: PEM text ({@code -----BEGIN PUBLIC KEY-----},
 * X.509 SubjectPublicKeyInfo) or a {@code classpath:} / {@code file:} location of such a file.
 * Other locations (http and the like) are refused so that the trust anchor never comes over the
 * network. Stateless and thread-safe.
 */
final class RockBlockPublicKey {

  /** Smallest RSA modulus accepted; RockBLOCK's own key has 2048 bits. */
  static final int MIN_BITS = 2048;

  private static final String SETTING = "signalyard.ingest.rockblock.public-key";
  private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
  private static final String END = "-----END PUBLIC KEY-----";

  private RockBlockPublicKey() {}

  /** The key the setting names; throws {@link IllegalArgumentException} saying what is wrong. */
  static RSAPublicKey load(String setting) {
    if (setting == null || setting.isBlank()) {
      throw new IllegalArgumentException(SETTING + " is empty");
    }
    String value = setting.strip();
    if (value.startsWith(BEGIN)) {
      return parse(value, "the PEM text in " + SETTING);
    }
    if (!value.startsWith("classpath:") && !value.startsWith("file:")) {
      throw new IllegalArgumentException(
          SETTING + " must be PEM text or a classpath: or file: location, got '" + value + "'");
    }
    Resource resource = new DefaultResourceLoader().getResource(value);
    try (InputStream in = resource.getInputStream()) {
      return parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII), value);
    } catch (IOException e) {
      throw new IllegalArgumentException(SETTING + ": cannot read " + value + ": " + e, e);
    }
  }

  private static RSAPublicKey parse(String pem, String origin) {
    int begin = pem.indexOf(BEGIN);
    int end = pem.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException(
          SETTING + ": " + origin + " holds no '" + BEGIN + "' ... '" + END + "' block");
    }
    RSAPublicKey key;
    try {
      byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
      // An "RSA" KeyFactory only ever makes RSA keys.
      key =
          (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          SETTING + ": " + origin + " is not an RSA public key: " + e.getMessage(), e);
    }
    if (key.getModulus().bitLength() < MIN_BITS) {
      throw new IllegalArgumentException(
          SETTING + ": " + origin + " is an RSA key of fewer than " + MIN_BITS + " bits");
    }
    return key;
  }
}
