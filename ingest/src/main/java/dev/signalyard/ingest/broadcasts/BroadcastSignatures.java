package dev.signalyard.ingest.broadcasts;

import dev.signalyard.ingest.web.UnauthorizedException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticates posts to {@code POST /webhooks/broadcasts} with the scheme of the device webhook
 * ({@code POST /webhooks/devices}): {@code X-Signalyard-Source} names the sender, {@code
 * X-Signalyard-Signature} is {@code sha256=} and the hex HMAC-SHA256 of the raw body keyed with
 * that sender's secret, compared in constant time. Senders already signing device posts sign
 * broadcasts the same way; only the secrets are separate ({@code
 * signalyard.ingest.broadcasts.secrets}).
 *
 * <p>Thread-safety: immutable; a {@link Mac} is created per call because it is not thread-safe.
 */
final class BroadcastSignatures {

  static final String SOURCE_HEADER = "X-Signalyard-Source";
  static final String SIGNATURE_HEADER = "X-Signalyard-Signature";
  static final String CHALLENGE = "Signalyard-HMAC-SHA256 realm=\"broadcasts\"";

  private static final String ALGORITHM = "HmacSHA256";
  private static final String PREFIX = "sha256=";
  private static final Pattern HEX_256 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Pattern SOURCE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final Map<String, SecretKeySpec> keys;

  BroadcastSignatures(Map<String, String> secrets) {
    this.keys =
        secrets.entrySet().stream()
            .collect(
                Collectors.toUnmodifiableMap(
                    Map.Entry::getKey,
                    e ->
                        new SecretKeySpec(
                            e.getValue().getBytes(StandardCharsets.UTF_8), ALGORITHM)));
  }

  /** The authenticated sender, or {@link UnauthorizedException} saying why not. */
  String authenticate(String source, String signature, byte[] body) {
    if (keys.isEmpty()) {
      throw unauthorized(
          "No broadcast senders are configured on this server"
              + " (signalyard.ingest.broadcasts.secrets), so every request is refused");
    }
    if (source == null || !SOURCE_NAME.matcher(source).matches()) {
      throw unauthorized("The " + SOURCE_HEADER + " header is missing or not a valid source name");
    }
    SecretKeySpec key = keys.get(source);
    if (key == null) {
      throw unauthorized("The source '" + source + "' is not configured on this server");
    }
    if (signature == null
        || !signature.startsWith(PREFIX)
        || !HEX_256.matcher(signature.substring(PREFIX.length())).matches()) {
      throw unauthorized("The " + SIGNATURE_HEADER + " header must be 'sha256=' and 64 hex digits");
    }
    byte[] given = HexFormat.of().parseHex(signature.substring(PREFIX.length()));
    if (!MessageDigest.isEqual(hmac(key, body), given)) {
      throw unauthorized(
          "The signature does not match the body: expected the hex HMAC-SHA256 of the exact"
              + " request body, keyed with the secret of source '"
              + source
              + "'");
    }
    return source;
  }

  private static byte[] hmac(SecretKeySpec key, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      // Every Java runtime ships HmacSHA256, and the key is a plain byte array.
      throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
    }
  }

  private static UnauthorizedException unauthorized(String detail) {
    return new UnauthorizedException(CHALLENGE, detail + ". Nothing was accepted.");
  }
}
