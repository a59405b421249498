package dev.signalyard.queryapi.security;

import org.springframework.http.HttpHeaders;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Makes sure a browser gets the {@code XSRF-TOKEN} cookie on its first request. Spring Security
 * creates the token lazily, only when something asks for it; a single-page dashboard never renders
 * a server form that would, so this filter asks. Requests with a bearer token need no CSRF token
 * and get no cookie.
 *
 * <p>Thread-safety: stateless.
 */
final class CsrfCookieWebFilter implements WebFilter {

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
    if (token == null
        || exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
      return chain.filter(exchange);
    }
    return token.then(chain.filter(exchange));
  }
}
