package dev.signalyard.queryapi.security;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Answers a request without valid credentials with 401, a {@code Bearer} challenge (RFC 6750) and
 * an {@code unauthorized} problem body. A token that is present but invalid (expired, wrong issuer,
 * bad signature) gets {@code error="invalid_token"} in the challenge.
 *
 * <p>Thread-safety: immutable.
 */
final class ProblemAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

  private final AccessProblems problems;

  ProblemAuthenticationEntryPoint(AccessProblems problems) {
    this.problems = problems;
  }

  @Override
  public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
    String challenge = "Bearer realm=\"signalyard\"";
    String detail =
        "Authentication is required: send an OIDC access token as 'Authorization: Bearer <token>',"
            + " or log in.";
    if (failure instanceof OAuth2AuthenticationException invalid) {
      // The description comes from Spring Security's validators and names no secret.
      String description = invalid.getError().getDescription();
      challenge += ", error=\"invalid_token\"";
      detail = "The bearer token was refused" + (description == null ? "." : ": " + description);
    }
    exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
    return problems.write(exchange, AccessProblems.unauthorized(detail));
  }
}
