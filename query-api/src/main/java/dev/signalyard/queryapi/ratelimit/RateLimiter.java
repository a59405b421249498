package dev.signalyard.queryapi.ratelimit;

import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Takes one request from a principal's token bucket.
 *
 * <p>Thread-safety: implementations are safe for concurrent use.
 */
public interface RateLimiter {

  /**
   * Consumes one token of {@code key}'s bucket.
   *
   * @return empty when the request may go ahead; otherwise how long until a token is available
   */
  Mono<Duration> acquire(String key);
}
