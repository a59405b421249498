package dev.signalyard.benchmarks;

import java.time.Duration;
import java.util.Map;

/**
 * What one {@link ClosedLoopLoad} run measured on one endpoint. Immutable.
 *
 * @param endpoint the path that was loaded
 * @param concurrency requests that were in flight at every moment
 * @param window the measured window; warm-up is not in it
 * @param latenciesNanos latency of every request that completed inside the window, 200 or not,
 *     sorted ascending
 * @param errors requests completed inside the window with a status other than 200 or no response
 * @param errorKinds those errors by kind ({@code "503"}, {@code "HttpTimeoutException"}, ...)
 * @param errorExamples for each kind, the message or response body of one such error
 * @param okTotal requests answered 200 over the whole run, warm-up and drain included: the number
 *     that must be on the topic afterwards
 */
record LoadResult(
    String endpoint,
    int concurrency,
    Duration window,
    long[] latenciesNanos,
    long errors,
    Map<String, Long> errorKinds,
    Map<String, String> errorExamples,
    long okTotal) {

  /** Requests completed inside the window, errors included. */
  long requests() {
    return latenciesNanos.length;
  }

  /** 200-answered requests per second inside the window. */
  double okPerSecond() {
    return (requests() - errors) / (window.toNanos() / 1e9);
  }

  /** The latency that {@code quantile} of the requests did not exceed (nearest rank), in ms. */
  double percentileMillis(double quantile) {
    if (latenciesNanos.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(quantile * latenciesNanos.length);
    return latenciesNanos[Math.max(0, rank - 1)] / 1e6;
  }

  double maxMillis() {
    return latenciesNanos.length == 0
        ? Double.NaN
        : latenciesNanos[latenciesNanos.length - 1] / 1e6;
  }
}
