package dev.signalyard.ingest;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.text.ParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RockBLOCK-style JWTs for tests, signed with RSA key pairs generated per test JVM: {@link #ROCK7}
 * stands in for Ground Control's key (tests configure its public half as the webhook's key), {@link
 * #OTHER} for anybody else's. Thread-safe: the keys are immutable.
 */
public final class TestJwts {

  public static final KeyPair ROCK7 = generate();
  public static final KeyPair OTHER = generate();

  /** The {@code iat} every test token carries (2022-02-01T22:25:32Z). */
  public static final long IAT = 1_643_754_332L;

  private TestJwts() {}

  /** The public half of {@code key} as PEM text, as an operator would configure it. */
  public static String publicKeyPem(KeyPair key) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  /** RockBLOCK's claims for {@code fields}: every field as a string, plus iss and iat. */
  public static Map<String, Object> claims(Map<String, ?> fields) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", "Rock 7");
    claims.put("iat", IAT);
    fields.forEach((name, value) -> claims.put(name, String.valueOf(value)));
    return claims;
  }

  /** An RS256 token over {@code claims}, signed with {@code key}. */
  public static String sign(Map<String, Object> claims, KeyPair key) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), JWTClaimsSet.parse(claims));
      jwt.sign(new RSASSASigner(key.getPrivate()));
      return jwt.serialize();
    } catch (JOSEException | ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A validly signed token whose payload was then replaced: the signature no longer matches. */
  public static String tampered(Map<String, Object> claims, String claim, String value) {
    String[] parts = sign(claims, ROCK7).split("\\.");
    Map<String, Object> changed = new LinkedHashMap<>(claims);
    changed.put(claim, value);
    return parts[0]
        + "."
        + Base64URL.encode(JSONObjectUtils.toJSONString(changed))
        + "."
        + parts[2];
  }

  /**
   * An HS256 token keyed with the bytes of Rock 7's public key: the algorithm-confusion attack that
   * succeeds against verifiers taking the algorithm from the token.
   */
  public static String hs256WithPublicKey(Map<String, Object> claims) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), JWTClaimsSet.parse(claims));
      jwt.sign(new MACSigner(ROCK7.getPublic().getEncoded()));
      return jwt.serialize();
    } catch (JOSEException | ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An unsecured token ({@code alg: none}). */
  public static String unsecured(Map<String, Object> claims) {
    try {
      return new PlainJWT(JWTClaimsSet.parse(claims)).serialize();
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
