package dev.signalyard.ingest.fleet;

import java.time.Duration;

/**
 * Capped exponential backoff between calls to a fleet system: {@code base}, {@code 2 * base}, ...
 * never more than {@code cap}; a Retry-After the system asked for is honoured up to the cap.
 *
 * <p>Thread-safety: immutable.
 *
 * @param base wait after the first failed call
 * @param cap longest wait
 * @param maxAttempts calls in all, at least 1
 */
record RetryDelays(Duration base, Duration cap, int maxAttempts) {

  /** The wait after failed call number {@code attempt} (1-based), given an optional Retry-After. */
  Duration after(int attempt, Duration retryAfter) {
    int doublings = Math.min(attempt - 1, 30);
    Duration delay = base.multipliedBy(1L << doublings);
    if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
      delay = retryAfter;
    }
    return delay.compareTo(cap) > 0 ? cap : delay;
  }
}
