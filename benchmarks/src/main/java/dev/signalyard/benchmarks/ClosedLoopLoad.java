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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A closed-loop load generator: {@code concurrency} threads each keep exactly one request in
 * flight, sending the next the moment the previous one is answered, so the number of concurrent
 * requests stays fixed and the offered load adapts to the server. That is how RockBLOCK's gateway
 * treats a slow endpoint (it waits for the answer), and unlike an open-loop generator it cannot
 * pile up an unbounded queue on an overloaded 2-core machine.
 *
 * <p>It runs the warm-up, then the measured window, then lets the requests still in flight finish.
 * Only requests that complete inside the window count towards latency and throughput; every 200 of
 * the run counts towards {@link LoadResult#okTotal()}.
 *
 * <p>The threads use blocking {@link HttpClient#send}, not {@code sendAsync}: with fewer than three
 * cores the JDK's default async executor starts a new thread for every {@code sendAsync} call,
 * which would cost a quarter of a core here and would be charged to the server. One client
 * (HTTP/1.1, keep-alive) holds one connection per thread. Not thread-safe; run one load at a time.
 */
final class ClosedLoopLoad {

  static final String THREAD_NAME_PREFIX = "load-generator-";

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration DRAIN_TIMEOUT = REQUEST_TIMEOUT.plusSeconds(5);

  private final HttpClient client;
  private final RockBlockForms forms;

  ClosedLoopLoad(HttpClient client, RockBlockForms forms) {
    this.client = client;
    this.forms = forms;
  }

  /**
   * Starts loading {@code uri} with the options' concurrency, warm-up and window, and returns at
   * once; {@link Running#await()} blocks until the run is over.
   */
  Running start(URI uri, BenchmarkOptions options) {
    long windowStart = System.nanoTime() + options.warmup().toNanos();
    long windowEnd = windowStart + options.duration().toNanos();
    CountDownLatch released = new CountDownLatch(1);
    Worker[] workers = new Worker[options.concurrency()];
    Thread[] threads = new Thread[workers.length];
    for (int i = 0; i < workers.length; i++) {
      workers[i] = new Worker(uri, windowStart, windowEnd, released);
      threads[i] = new Thread(workers[i], THREAD_NAME_PREFIX + i);
      // A stuck request must not keep the JVM alive after the benchmark gave up on it.
      threads[i].setDaemon(true);
    }
    for (Thread thread : threads) {
      thread.start();
    }
    return new Running(uri, options, windowStart, windowEnd, released, workers, threads);
  }

  /** A load in progress; its window bounds are {@link System#nanoTime()} values. */
  static final class Running {
    private final URI uri;
    private final BenchmarkOptions options;
    private final long windowStart;
    private final long windowEnd;
    private final CountDownLatch released;
    private final Worker[] workers;
    private final Thread[] threads;

    private Running(
        URI uri,
        BenchmarkOptions options,
        long windowStart,
        long windowEnd,
        CountDownLatch released,
        Worker[] workers,
        Thread[] threads) {
      this.uri = uri;
      this.options = options;
      this.windowStart = windowStart;
      this.windowEnd = windowEnd;
      this.released = released;
      this.workers = workers;
      this.threads = threads;
    }

    long windowStart() {
      return windowStart;
    }

    long windowEnd() {
      return windowEnd;
    }

    /** Waits until the window is over and the requests still in flight are answered. */
    LoadResult await() throws InterruptedException {
      released.countDown();
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
      // join() orders every worker's writes before the reads in merge().
      return merge(uri.getPath(), options, workers);
    }
  }

  private static LoadResult merge(String endpoint, BenchmarkOptions options, Worker[] workers) {
    int total = 0;
    for (Worker worker : workers) {
      total += worker.measured;
    }
    long[] latencies = new long[total];
    long errors = 0;
    long okTotal = 0;
    Map<String, Long> errorKinds = new HashMap<>();
    Map<String, String> errorExamples = new HashMap<>();
    int offset = 0;
    for (Worker worker : workers) {
      System.arraycopy(worker.latencies, 0, latencies, offset, worker.measured);
      offset += worker.measured;
      errors += worker.errors;
      okTotal += worker.okTotal;
      worker.errorKinds.forEach((kind, count) -> errorKinds.merge(kind, count, Long::sum));
      worker.errorExamples.forEach(errorExamples::putIfAbsent);
    }
    Arrays.sort(latencies);
    return new LoadResult(
        endpoint,
        options.concurrency(),
        options.duration(),
        latencies,
        errors,
        errorKinds,
        errorExamples,
        okTotal);
  }

  /** One thread, one request in flight at a time; its fields are only touched by that thread. */
  private final class Worker implements Runnable {
    private final URI uri;
    private final long windowStart;
    private final long windowEnd;
    private final CountDownLatch released;
    private final Map<String, Long> errorKinds = new HashMap<>();
    private final Map<String, String> errorExamples = new HashMap<>();
    private long[] latencies = new long[4096];
    private int measured;
    private long errors;
    private long okTotal;

    Worker(URI uri, long windowStart, long windowEnd, CountDownLatch released) {
      this.uri = uri;
      this.windowStart = windowStart;
      this.windowEnd = windowEnd;
      this.released = released;
    }

    @Override
    public void run() {
      long now;
      do {
        HttpRequest request =
            HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(forms.next()))
                .build();
        long sentAt = System.nanoTime();
        String errorKind;
        String errorText;
        try {
          HttpResponse<String> response =
              client.send(request, HttpResponse.BodyHandlers.ofString());
          errorKind = response.statusCode() == 200 ? null : Integer.toString(response.statusCode());
          errorText = response.body();
        } catch (IOException e) {
          errorKind = e.getClass().getSimpleName();
          errorText = String.valueOf(e.getMessage());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        now = System.nanoTime();
        if (errorKind == null) {
          okTotal++;
        }
        if (now >= windowStart && now < windowEnd) {
          record(now - sentAt, errorKind, errorText);
        }
      } while (now < windowEnd);
      // Stay alive until the caller has taken its CPU sample at the window's end: a thread that
      // ended before would take its whole CPU time out of the load generator's share.
      try {
        released.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void record(long latencyNanos, String errorKind, String errorText) {
      if (measured == latencies.length) {
        latencies = Arrays.copyOf(latencies, latencies.length * 2);
      }
      latencies[measured++] = latencyNanos;
      if (errorKind != null) {
        errors++;
        errorKinds.merge(errorKind, 1L, Long::sum);
        errorExamples.putIfAbsent(errorKind, errorText);
      }
    }
  }
}
