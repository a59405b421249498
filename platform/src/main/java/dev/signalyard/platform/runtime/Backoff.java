package dev.signalyard.platform.runtime;

import java.time.Duration;

/**
 * Capped exponential backoff between attempts at one call (an MT send, a fleet-system request):
 * {@code base}, {@code 2 * base}, {@code 4 * base}, ... but never more than {@code cap}, for at
 * most {@code maxAttempts} attempts; a wait the other side asked for (Retry-After) is honoured up
 * to the cap.
 *
 * <p>Thread-safety: immutable.
 *
 * @param base wait before the second attempt
 * @param cap longest wait
 * @param maxAttempts attempts in all, at least 1
 */
public record Backoff(Duration base, Duration cap, int maxAttempts) {

  public Backoff {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
  }

  /** The wait after failed attempt number {@code attempt} (1-based). */
  public Duration delayAfter(int attempt) {
    return delayAfter(attempt, null);
  }

  /**
   * The wait after failed attempt number {@code attempt} (1-based), at least {@code retryAfter}
   * when the other side asked for one (null when it did not), never more than the cap.
   */
  public Duration delayAfter(int attempt, Duration retryAfter) {
    // Past 2^30 the doubling would overflow; the cap has long been reached by then.
    int doublings = Math.min(attempt - 1, 30);
    Duration delay = base.multipliedBy(1L << doublings);
    if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
      delay = retryAfter;
    }
    return delay.compareTo(cap) > 0 ? cap : delay;
  }

  /** The longest one command can take: every wait plus every call at its timeout. */
  public Duration worstCase(Duration perAttempt) {
    Duration total = perAttempt.multipliedBy(maxAttempts);
    for (int attempt = 1; attempt < maxAttempts; attempt++) {
      total = total.plus(delayAfter(attempt));
    }
    return total;
  }
}
