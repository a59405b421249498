package dev.signalyard.ingest.devices;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.signalyard.ingest.web.UnauthorizedException;
import dev.signalyard.platform.web.InvalidRequestException;
import dev.signalyard.platform.web.Problems.FieldError;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies the {@code JWT} field of a RockBLOCK post and returns its claims, which are the report's
 * authoritative fields: RockBLOCK signs every MO field as a string claim, so the claims are both
 * authenticated and free of the number/string ambiguity of the JSON body.
 *
 * <p>Accepts only RS256 (so a token cannot pick a weaker or keyless algorithm, such as {@code none}
 * or HS256 keyed with the public key) and only issuer {@code Rock 7}. RockBLOCK sets no {@code
 * exp}, {@code aud} or {@code sub}, so none is checked; a replayed token reproduces the same
 * report, which consumers remove by {@code (imei, momsn, transmit_time)}.
 *
 * <p>Thread-safe: immutable after construction; Nimbus's {@link RSASSAVerifier} is thread-safe.
 */
final class RockBlockJwtVerifier {

  static final String ISSUER = "Rock 7";

  /** {@code WWW-Authenticate} challenge of the RockBLOCK webhook's 401 answers. */
  static final String CHALLENGE = "Rock7-JWT realm=\"rockblock\"";

  private final RSASSAVerifier verifier;

  RockBlockJwtVerifier(RSAPublicKey publicKey) {
    this.verifier = new RSASSAVerifier(publicKey);
  }

  /**
   * The claims of a verified token as field name to value; {@code iat} becomes its decimal seconds
   * and {@code iss} is dropped. Throws {@link UnauthorizedException} when the token is not an RS256
   * JWS that verifies with the configured key and names issuer {@code Rock 7}, and {@link
   * InvalidRequestException} (field {@code JWT}) when a verified token's claims are not shaped as
   * RockBLOCK's are.
   */
  Map<String, String> verifiedFields(String token) {
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token.strip());
    } catch (ParseException e) {
      throw unauthorized("The JWT field is not a signed JWT: " + e.getMessage());
    }
    JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
    if (!JWSAlgorithm.RS256.equals(algorithm)) {
      throw unauthorized("The JWT must be signed with RS256, not " + algorithm);
    }
    if (!verify(jwt)) {
      throw unauthorized(
          "The JWT signature does not verify with the configured RockBLOCK public key");
    }
    Map<String, Object> claims = jwt.getPayload().toJSONObject();
    if (claims == null) {
      throw new InvalidRequestException(
          List.of(new FieldError("JWT", "the verified token's payload is not a JSON object")));
    }
    if (!ISSUER.equals(claims.get("iss"))) {
      throw unauthorized(
          "The JWT issuer must be '" + ISSUER + "', got '" + claims.get("iss") + "'");
    }
    return fields(claims);
  }

  private boolean verify(SignedJWT jwt) {
    try {
      return jwt.verify(verifier);
    } catch (JOSEException | IllegalStateException e) {
      // A token Nimbus cannot even check (e.g. one with critical header parameters it does not
      // understand) is as untrusted as one that fails the check.
      return false;
    }
  }

  private static Map<String, String> fields(Map<String, Object> claims) {
    Map<String, String> fields = new LinkedHashMap<>();
    List<FieldError> errors = new ArrayList<>();
    claims.forEach(
        (name, value) -> {
          if (name.equals("iss")) {
            return;
          }
          if (name.equals("iat") && value instanceof Number seconds) {
            fields.put(name, Long.toString(seconds.longValue()));
          } else if (value instanceof String text) {
            fields.put(name, text);
          } else {
            errors.add(
                new FieldError(
                    "JWT",
                    "claim '"
                        + name
                        + "' must be "
                        + (name.equals("iat") ? "a number" : "a string")));
          }
        });
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return fields;
  }

  private static UnauthorizedException unauthorized(String detail) {
    return new UnauthorizedException(CHALLENGE, detail + ". Nothing was accepted.");
  }
}
