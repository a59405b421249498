package dev.signalyard.ingest.commands;

import java.time.Duration;

/**
 * Capped exponential backoff between attempts at one command: {@code base}, {@code 2 * base},
 * {@code 4 * base}, ... but never more than {@code cap}, for at most {@code maxAttempts} attempts.
 *
 * <p>Thread-safety: immutable.
 *
 * @param base wait before the second attempt
 * @param cap longest wait
 * @param maxAttempts attempts in all, at least 1
 */
record Backoff(Duration base, Duration cap, int maxAttempts) {

  /** The wait after failed attempt number {@code attempt} (1-based). */
  Duration delayAfter(int attempt) {
    // Past 2^30 the doubling would overflow; the cap has long been reached by then.
    int doublings = Math.min(attempt - 1, 30);
    Duration delay = base.multipliedBy(1L << doublings);
    return delay.compareTo(cap) > 0 ? cap : delay;
  }

  /** The longest one command can take: every wait plus every call at its timeout. */
  Duration worstCase(Duration perAttempt) {
    Duration total = perAttempt.multipliedBy(maxAttempts);
    for (int attempt = 1; attempt < maxAttempts; attempt++) {
      total = total.plus(delayAfter(attempt));
    }
    return total;
  }
}
