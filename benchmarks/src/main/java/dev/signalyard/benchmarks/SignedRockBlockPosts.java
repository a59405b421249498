package dev.signalyard.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.text.ParseException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * A pool of RockBLOCK {@code HTTP_JSON} deliveries, each carrying a valid RS256 JWT signed with a
 * key pair generated for the run, as Ground Control signs them: issuer {@code Rock 7}, {@code iat},
 * and every MO field as a string claim.
 *
 * <p>Every post is signed before the load starts, so the load generator spends no CPU on RSA
 * signing during a measurement; the server still verifies every signature. The pool holds distinct
 * (imei, momsn) pairs over {@value #DEVICES} modems and is replayed in rotation when a run sends
 * more posts than it holds (ingest keeps every post; removing retries is the streams' job).
 *
 * <p>Thread-safe: the bodies are immutable and {@link #next()} draws from one atomic sequence.
 */
final class SignedRockBlockPosts {

  static final int DEVICES = 1_000;

  private static final long FIRST_IMEI = 300_234_068_040_000L;
  private static final int FIRST_SERIAL = 20_000;
  private static final DateTimeFormatter TRANSMIT_TIME =
      DateTimeFormatter.ofPattern("yy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter FIX_TIME = DateTimeFormatter.ofPattern("HHmmss");

  private final KeyPair rock7;
  private final String[] bodies;
  private final AtomicLong sequence = new AtomicLong();

  private SignedRockBlockPosts(KeyPair rock7, String[] bodies) {
    this.rock7 = rock7;
    this.bodies = bodies;
  }

  /**
   * Generates a 2048-bit RSA key pair (RockBLOCK's key size) and signs {@code count} posts with it,
   * on every core.
   */
  static SignedRockBlockPosts sign(int count) {
    KeyPair key = generateKey();
    LocalDateTime transmitted = LocalDateTime.now(ZoneOffset.UTC).withNano(0);
    long issuedAt = transmitted.toEpochSecond(ZoneOffset.UTC);
    String[] bodies =
        IntStream.range(0, count)
            .parallel()
            .mapToObj(n -> body(n, transmitted, issuedAt, key))
            .toArray(String[]::new);
    return new SignedRockBlockPosts(key, bodies);
  }

  /** The public half of the signing key as PEM text, for {@code rockblock.public-key}. */
  String publicKeyPem() {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(rock7.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  int size() {
    return bodies.length;
  }

  /** The next post, ready to send as {@code application/json}. */
  String next() {
    return bodies[(int) (sequence.getAndIncrement() % bodies.length)];
  }

  private static String body(int n, LocalDateTime transmitted, long issuedAt, KeyPair key) {
    int device = n % DEVICES;
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("momsn", Integer.toString(n / DEVICES));
    fields.put("data", paikeaPosition(device, transmitted.minusSeconds(40 + device % 60)));
    fields.put("serial", Integer.toString(FIRST_SERIAL + device));
    fields.put("iridium_latitude", String.format(Locale.ROOT, "%.4f", 52.0 + device * 0.0031));
    fields.put("iridium_cep", Integer.toString(3 + device % 9) + ".0");
    fields.put("imei", Long.toString(FIRST_IMEI + device));
    fields.put("device_type", "ROCKBLOCK");
    fields.put("transmit_time", transmitted.format(TRANSMIT_TIME));
    fields.put("iridium_longitude", String.format(Locale.ROOT, "%.4f", -3.5 + device * 0.0047));
    String token = jwt(fields, issuedAt, key);
    // The body's field order and number/string types follow a captured HTTP_JSON delivery
    // (ingest/src/test/resources/rockblock/mo-json-capture.json), plus the JWT field.
    StringBuilder json = new StringBuilder(900).append('{');
    fields.forEach(
        (name, value) -> {
          boolean text = name.equals("data") || name.equals("imei") || name.endsWith("_time");
          text |= name.equals("device_type");
          json.append('"').append(name).append("\":");
          json.append(text ? "\"" + value + "\"" : value).append(',');
        });
    return json.append("\"JWT\":\"").append(token).append("\"}").toString();
  }

  /** A Paikea PK001 position report near the modem's Iridium position, hex-encoded. */
  private static String paikeaPosition(int device, LocalDateTime fixedAt) {
    String text =
        String.format(
            Locale.ROOT,
            "PK001;lat:52%07.4f,NS:N,lon:00%07.4f,EW:W,utc:%s.00,batt:%.1f",
            (device * 0.17) % 60,
            (device * 0.29) % 60,
            fixedAt.format(FIX_TIME),
            3.4 + (device % 9) * 0.1);
    return HexFormat.of().formatHex(text.getBytes(StandardCharsets.US_ASCII));
  }

  private static String jwt(Map<String, String> fields, long issuedAt, KeyPair key) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", "Rock 7");
    claims.put("iat", issuedAt);
    claims.putAll(fields);
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), JWTClaimsSet.parse(claims));
      jwt.sign(new RSASSASigner(key.getPrivate()));
      return jwt.serialize();
    } catch (JOSEException | ParseException e) {
      throw new IllegalStateException("Could not sign a RockBLOCK post", e);
    }
  }

  private static KeyPair generateKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not generate an RSA key pair", e);
    }
  }
}
