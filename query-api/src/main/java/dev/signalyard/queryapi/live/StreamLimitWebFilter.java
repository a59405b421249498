package dev.signalyard.queryapi.live;

import dev.signalyard.queryapi.security.AccessProblems;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Limits the server-sent event streams ({@code /api/.../stream}) one principal holds open on this
 * node: one more than {@code max-streams-per-principal} is answered 429 with {@code Retry-After}
 * and a {@code too-many-requests} problem. Authenticated requests count against the principal's
 * name, anonymous ones against the client address (as the rate limit does). A slot is taken when
 * the stream is accepted and given back when it ends, however it ends (completed, client gone,
 * error).
 *
 * <p>Runs after Spring Security's filters and the rate limit, so the principal is known.
 *
 * <p>Thread-safety: thread-safe; the counts are a concurrent map updated atomically per key.
 */
public final class StreamLimitWebFilter implements WebFilter, Ordered {

  /** After the rate limit filter (order 0). */
  static final int ORDER = 10;

  private final int maxPerPrincipal;
  private final long retryAfterSeconds;
  private final AccessProblems problems;
  private final Map<String, Integer> open = new ConcurrentHashMap<>();

  public StreamLimitWebFilter(LiveStreamProperties properties, AccessProblems problems) {
    this.maxPerPrincipal = properties.maxStreamsPerPrincipal();
    this.retryAfterSeconds = Math.max(1, properties.streamLimitRetryAfter().toSeconds());
    this.problems = problems;
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String path = exchange.getRequest().getPath().value();
    if (!path.startsWith("/api/") || !path.endsWith("/stream")) {
      return chain.filter(exchange);
    }
    return exchange
        .getPrincipal()
        .filter(principal -> !(principal instanceof AnonymousAuthenticationToken))
        .map(principal -> "user:" + principal.getName())
        .defaultIfEmpty("ip:" + clientAddress(exchange.getRequest()))
        .flatMap(
            key -> {
              if (!acquire(key)) {
                return refuse(exchange);
              }
              return chain.filter(exchange).doFinally(signal -> release(key));
            });
  }

  /** Streams {@code key} holds open now, for tests and metrics. */
  public int openStreams(String key) {
    return open.getOrDefault(key, 0);
  }

  private boolean acquire(String key) {
    boolean[] acquired = new boolean[1];
    open.compute(
        key,
        (k, count) -> {
          int current = count == null ? 0 : count;
          acquired[0] = current < maxPerPrincipal;
          return acquired[0] ? current + 1 : count;
        });
    return acquired[0];
  }

  private void release(String key) {
    open.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
  }

  private Mono<Void> refuse(ServerWebExchange exchange) {
    exchange
        .getResponse()
        .getHeaders()
        .set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
    ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.TOO_MANY_REQUESTS);
    problem.setType(AccessProblems.TOO_MANY_REQUESTS);
    problem.setTitle("Too many streams");
    problem.setDetail(
        "At most "
            + maxPerPrincipal
            + " concurrent streams per principal; close one or retry after "
            + retryAfterSeconds
            + " s.");
    problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
    problem.setProperty("maxStreamsPerPrincipal", maxPerPrincipal);
    return problems.write(exchange, problem);
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
