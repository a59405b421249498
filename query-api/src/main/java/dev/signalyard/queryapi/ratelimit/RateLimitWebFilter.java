package dev.signalyard.queryapi.ratelimit;

import dev.signalyard.queryapi.security.AccessProblems;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Limits each principal's request rate: 429 with {@code Retry-After} and a {@code
 * too-many-requests} problem once its bucket is empty. Authenticated requests count against the
 * principal's name, anonymous ones against the client address (the proxy's {@code X-Forwarded-For}
 * when {@code SERVER_FORWARDHEADERSSTRATEGY=framework}). Health checks and metric scrapes ({@code
 * /actuator/**}, on the management port) are not counted, nor are the requests a {@link
 * RateLimitExemption} names (replicas' internal calls that carry the shared token: the client
 * request that caused them was counted where it arrived).
 *
 * <p>Runs after Spring Security's filters, so the principal is known; a server-sent event stream
 * counts as one request.
 *
 * <p>Thread-safety: stateless apart from the thread-safe limiter.
 */
final class RateLimitWebFilter implements WebFilter, Ordered {

  /** After Spring Security's filter chain (order -100). */
  static final int ORDER = 0;

  private final RateLimiter limiter;
  private final AccessProblems problems;
  private final List<RateLimitExemption> exemptions;

  RateLimitWebFilter(
      RateLimiter limiter, AccessProblems problems, List<RateLimitExemption> exemptions) {
    this.limiter = limiter;
    this.problems = problems;
    this.exemptions = List.copyOf(exemptions);
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    if (request.getPath().value().startsWith("/actuator/")
        || exemptions.stream().anyMatch(exemption -> exemption.exempt(request))) {
      return chain.filter(exchange);
    }
    return exchange
        .getPrincipal()
        .filter(principal -> !(principal instanceof AnonymousAuthenticationToken))
        .map(principal -> "user:" + principal.getName())
        .defaultIfEmpty("ip:" + clientAddress(exchange.getRequest()))
        .flatMap(limiter::acquire)
        .map(wait -> (Mono<Void>) refuse(exchange, wait))
        .defaultIfEmpty(Mono.defer(() -> chain.filter(exchange)))
        .flatMap(next -> next);
  }

  private Mono<Void> refuse(ServerWebExchange exchange, Duration wait) {
    // Round up: a client retrying after the advertised seconds must find a token.
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    return problems.write(exchange, AccessProblems.tooManyRequests(seconds));
  }

  private static String clientAddress(ServerHttpRequest request) {
    InetSocketAddress remote = request.getRemoteAddress();
    if (remote == null) {
      return "unknown";
    }
    return remote.getAddress() != null
        ? remote.getAddress().getHostAddress()
        : remote.getHostString();
  }
}
