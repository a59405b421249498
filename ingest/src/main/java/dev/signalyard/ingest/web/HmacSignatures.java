package dev.signalyard.ingest.web;

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
 * Authenticates webhook requests signed with the Signalyard HMAC scheme, shared by the tracker
 * webhook ({@code POST /webhooks/devices}) and the broadcast webhook ({@code POST
 * /webhooks/broadcasts}): {@code X-Signalyard-Source} names the sender, and {@code
 * X-Signalyard-Signature} must be {@code sha256=} followed by the hex HMAC-SHA256 of the raw
 * request body, keyed with the secret configured for that sender. Signatures are compared in
 * constant time, so response timing does not reveal how much of a guess was right. Each webhook has
 * its own instance with its own secrets, realm and wording of refusals.
 *
 * <p>The signature covers the body only; a captured request can be replayed, which stores the same
 * content again (consumers remove duplicates).
 *
 * <p>Thread-safe: immutable; a {@link Mac} is created per call because it is not thread-safe.
 */
public final class HmacSignatures {

  public static final String SOURCE_HEADER = "X-Signalyard-Source";
  public static final String SIGNATURE_HEADER = "X-Signalyard-Signature";

  private static final String ALGORITHM = "HmacSHA256";
  private static final String PREFIX = "sha256=";
  private static final Pattern HEX_256 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Pattern SOURCE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final Map<String, SecretKeySpec> keys;
  private final String challenge;
  private final String unconfigured;
  private final String missingSource;
  private final String invalidSource;

  /**
   * @param realm realm of the {@code WWW-Authenticate} challenge of 401 answers
   * @param secrets secret of each source, by source name; none refuses every request
   * @param unconfigured why every request is refused when {@code secrets} is empty
   * @param missingSource why a request without (or with a blank) {@code X-Signalyard-Source} is
   *     refused
   * @param invalidSource why a request whose {@code X-Signalyard-Source} is not a valid source name
   *     is refused
   */
  public HmacSignatures(
      String realm,
      Map<String, String> secrets,
      String unconfigured,
      String missingSource,
      String invalidSource) {
    this.keys =
        secrets.entrySet().stream()
            .collect(
                Collectors.toUnmodifiableMap(
                    Map.Entry::getKey,
                    e ->
                        new SecretKeySpec(
                            e.getValue().getBytes(StandardCharsets.UTF_8), ALGORITHM)));
    this.challenge = "Signalyard-HMAC-SHA256 realm=\"" + realm + "\"";
    this.unconfigured = unconfigured;
    this.missingSource = missingSource;
    this.invalidSource = invalidSource;
  }

  /** The {@code WWW-Authenticate} challenge of this webhook's 401 answers. */
  public String challenge() {
    return challenge;
  }

  /**
   * The authenticated source of a request, or {@link UnauthorizedException} saying why the request
   * is refused.
   */
  public String authenticate(String source, String signature, byte[] body) {
    if (keys.isEmpty()) {
      throw unauthorized(unconfigured);
    }
    if (source == null || source.isBlank()) {
      throw unauthorized(missingSource);
    }
    if (!SOURCE_NAME.matcher(source).matches()) {
      throw unauthorized(invalidSource);
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

  private UnauthorizedException unauthorized(String detail) {
    return new UnauthorizedException(challenge, detail + ". Nothing was accepted.");
  }
}
