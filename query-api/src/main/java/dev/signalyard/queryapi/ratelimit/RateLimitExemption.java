package dev.signalyard.queryapi.ratelimit;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Requests that {@link RateLimitWebFilter} lets through without taking a token, declared as beans
 * by the features that own them: for example a replica's call to another replica, made on behalf of
 * a client request that already took its token.
 *
 * <p>Implementations must be thread-safe and cheap: they run on every request.
 */
@FunctionalInterface
public interface RateLimitExemption {

  /** Whether {@code request} is not counted. */
  boolean exempt(ServerHttpRequest request);
}
