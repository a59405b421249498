package dev.signalyard.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One load-generator thread's requests: it sends them and tallies their latencies and failures, and
 * {@link #merge} turns the tallies of all threads into one {@link LoadResult}. Used by {@link
 * ClosedLoopLoad} and {@link SignedWebhookLoad}.
 *
 * <p>Not thread-safe: only its own thread touches a tally until that thread has been joined.
 */
final class RequestTally {

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /** How long after the window the requests still in flight may take to be answered. */
  private static final Duration DRAIN_TIMEOUT = REQUEST_TIMEOUT.plusSeconds(5);

  /** A request that was not answered 200: the status or exception, and its body or message. */
  record Failure(String kind, String text) {}

  private final Map<String, Long> errorKinds = new HashMap<>();
  private final Map<String, String> errorExamples = new HashMap<>();
  private long[] latencies = new long[4096];
  private int measured;
  private long errors;
  private long okTotal;

  /** A POST of {@code body} to {@code uri}, with the request timeout every load uses. */
  static HttpRequest post(URI uri, String contentType, String body) {
    return HttpRequest.newBuilder(uri)
        .timeout(REQUEST_TIMEOUT)
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  /**
   * Sends {@code request} with the blocking {@link HttpClient#send} and counts a 200 towards {@link
   * LoadResult#okTotal()}; returns {@code null} for a 200, else the failure.
   */
  Failure send(HttpClient client, HttpRequest request) throws InterruptedException {
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        okTotal++;
        return null;
      }
      return new Failure(Integer.toString(response.statusCode()), response.body());
    } catch (IOException e) {
      return new Failure(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
    }
  }

  /** Counts a request inside the measured window; {@code failure} is {@code null} for a 200. */
  void record(long latencyNanos, Failure failure) {
    if (measured == latencies.length) {
      latencies = Arrays.copyOf(latencies, latencies.length * 2);
    }
    latencies[measured++] = latencyNanos;
    if (failure != null) {
      errors++;
      errorKinds.merge(failure.kind(), 1L, Long::sum);
      errorExamples.putIfAbsent(failure.kind(), failure.text());
    }
  }

  /**
   * Waits until every thread of a load on {@code uri} has ended, at most until the drain timeout
   * after {@code windowEnd} (a {@link System#nanoTime()} value); throws naming a thread still
   * running then. The joins order the threads' writes to their tallies before {@link #merge}.
   */
  static void awaitThreads(Thread[] threads, long windowEnd, URI uri) throws InterruptedException {
    long deadline = windowEnd + DRAIN_TIMEOUT.toNanos();
    for (Thread thread : threads) {
      long remaining = deadline - System.nanoTime();
      if (remaining > 0) {
        TimeUnit.NANOSECONDS.timedJoin(thread, remaining);
      }
      if (thread.isAlive()) {
        throw new IllegalStateException(
            thread.getName() + " loading " + uri + " did not finish in time");
      }
    }
  }

  /** The result of a load on {@code endpoint} from the tallies of all its threads. */
  static LoadResult merge(
      String endpoint, int concurrency, Duration window, RequestTally[] tallies) {
    int total = 0;
    for (RequestTally tally : tallies) {
      total += tally.measured;
    }
    long[] latencies = new long[total];
    long errors = 0;
    long okTotal = 0;
    Map<String, Long> errorKinds = new HashMap<>();
    Map<String, String> errorExamples = new HashMap<>();
    int offset = 0;
    for (RequestTally tally : tallies) {
      System.arraycopy(tally.latencies, 0, latencies, offset, tally.measured);
      offset += tally.measured;
      errors += tally.errors;
      okTotal += tally.okTotal;
      tally.errorKinds.forEach((kind, count) -> errorKinds.merge(kind, count, Long::sum));
      tally.errorExamples.forEach(errorExamples::putIfAbsent);
    }
    Arrays.sort(latencies);
    return new LoadResult(
        endpoint, concurrency, window, latencies, errors, errorKinds, errorExamples, okTotal);
  }
}
