package dev.signalyard.queryapi.security;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.csrf.CsrfException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Answers an authenticated request that its roles do not allow, or a cookie-session request without
 * a valid CSRF token, with 403 and a {@code forbidden} problem body naming the roles involved.
 *
 * <p>Thread-safety: immutable.
 */
final class ProblemAccessDeniedHandler implements ServerAccessDeniedHandler {

  private final AccessProblems problems;
  private final AccessRoles roles;

  ProblemAccessDeniedHandler(AccessProblems problems, AccessRoles roles) {
    this.problems = problems;
    this.roles = roles;
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
    if (denied instanceof CsrfException) {
      return problems.write(
          exchange,
          AccessProblems.forbidden(
              "A request with a session cookie must echo the XSRF-TOKEN cookie in the"
                  + " X-XSRF-TOKEN header."));
    }
    String detail =
        ReadOnlyMethods.isReadOnly(exchange.getRequest().getMethod())
            ? "Reading needs the role '" + roles.readRole() + "' or '" + roles.writeRole() + "'."
            : "This request changes data and needs the role '" + roles.writeRole() + "'.";
    return problems.write(exchange, AccessProblems.forbidden(detail));
  }
}
