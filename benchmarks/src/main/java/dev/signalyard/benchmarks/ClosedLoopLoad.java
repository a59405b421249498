package dev.signalyard.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

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

  private static final int CLIENT_THREADS = 4;

  private final HttpClient client;
  private final RockBlockForms forms;

  ClosedLoopLoad(HttpClient client, RockBlockForms forms) {
    this.client = client;
    this.forms = forms;
  }

  /**
   * The client both webhook benchmarks load with: HTTP/1.1 explicitly (the default would offer an
   * h2c upgrade on the first request) and a fixed pool of {@value #CLIENT_THREADS} threads, where
   * the default is a cached one: its threads never retire, so {@link CpuUsage} can keep charging
   * their time to the load generator. Named "HttpClient-" like the client's own selector thread.
   */
  static HttpClient httpClient() {
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            CLIENT_THREADS,
            task -> {
              Thread thread = new Thread(task, "HttpClient-load-" + threadNumber.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .executor(executor)
        .build();
  }

  /**
   * Starts loading {@code uri} with the options' concurrency, warm-up and window, and returns at
   * once; {@link Running#await()} blocks until the run is over.
   */
  Running start(URI uri, BenchmarkOptions options) {
    long windowStart = System.nanoTime() + options.warmup().toNanos();
    long windowEnd = windowStart + options.duration().toNanos();
    CountDownLatch released = new CountDownLatch(1);
    RequestTally[] tallies = new RequestTally[options.concurrency()];
    Thread[] threads = new Thread[tallies.length];
    for (int i = 0; i < tallies.length; i++) {
      tallies[i] = new RequestTally();
      threads[i] =
          new Thread(
              new Worker(uri, windowStart, windowEnd, released, tallies[i]),
              THREAD_NAME_PREFIX + i);
      // A stuck request must not keep the JVM alive after the benchmark gave up on it.
      threads[i].setDaemon(true);
    }
    for (Thread thread : threads) {
      thread.start();
    }
    return new Running(uri, options, windowStart, windowEnd, released, tallies, threads);
  }

  /** A load in progress; its window bounds are {@link System#nanoTime()} values. */
  static final class Running {
    private final URI uri;
    private final BenchmarkOptions options;
    private final long windowStart;
    private final long windowEnd;
    private final CountDownLatch released;
    private final RequestTally[] tallies;
    private final Thread[] threads;

    private Running(
        URI uri,
        BenchmarkOptions options,
        long windowStart,
        long windowEnd,
        CountDownLatch released,
        RequestTally[] tallies,
        Thread[] threads) {
      this.uri = uri;
      this.options = options;
      this.windowStart = windowStart;
      this.windowEnd = windowEnd;
      this.released = released;
      this.tallies = tallies;
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
      RequestTally.awaitThreads(threads, windowEnd, uri);
      return RequestTally.merge(uri.getPath(), options.concurrency(), options.duration(), tallies);
    }
  }

  /** One thread, one request in flight at a time; its tally is only touched by that thread. */
  private final class Worker implements Runnable {
    private final URI uri;
    private final long windowStart;
    private final long windowEnd;
    private final CountDownLatch released;
    private final RequestTally tally;

    Worker(URI uri, long windowStart, long windowEnd, CountDownLatch released, RequestTally tally) {
      this.uri = uri;
      this.windowStart = windowStart;
      this.windowEnd = windowEnd;
      this.released = released;
      this.tally = tally;
    }

    @Override
    public void run() {
      long now;
      do {
        HttpRequest request =
            RequestTally.post(uri, "application/x-www-form-urlencoded", forms.next());
        long sentAt = System.nanoTime();
        RequestTally.Failure failure;
        try {
          failure = tally.send(client, request);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        now = System.nanoTime();
        if (now >= windowStart && now < windowEnd) {
          tally.record(now - sentAt, failure);
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
  }
}
