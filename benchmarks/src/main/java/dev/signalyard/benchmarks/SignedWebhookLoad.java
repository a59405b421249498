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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Load of signed RockBLOCK JSON posts ({@link SignedRockBlockPosts}) in one of two shapes.
 *
 * <ul>
 *   <li><b>Closed loop</b> ({@link #closedLoop}): {@code threads} senders each keep one request in
 *       flight, as {@link ClosedLoopLoad} does; the offered load adapts to the server, which finds
 *       the maximum throughput. Latency is from send to answer; requests completing inside the
 *       window count.
 *   <li><b>Open loop</b> ({@link #openLoop}): a fixed arrival schedule, request {@code i} due at
 *       {@code start + i / rate}, whatever the server does. Each sender takes the next due slot,
 *       waits for its time, sends, and records the latency from the <em>scheduled</em> time, so a
 *       request that waited for a free sender because the server stalled is charged that wait (no
 *       coordinated omission). Requests scheduled inside the window count. Senders must outnumber
 *       rate times latency; when they do not, the latencies show it.
 * </ul>
 *
 * <p>Senders use blocking {@link HttpClient#send} for the reason {@link ClosedLoopLoad} gives, and
 * are named like its threads so that {@link CpuUsage} charges them to the load generator. Not
 * thread-safe; run one load at a time.
 */
final class SignedWebhookLoad {

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration DRAIN_TIMEOUT = REQUEST_TIMEOUT.plusSeconds(5);

  private final HttpClient client;
  private final SignedRockBlockPosts posts;

  SignedWebhookLoad(HttpClient client, SignedRockBlockPosts posts) {
    this.client = client;
    this.posts = posts;
  }

  /** Starts a closed loop of {@code threads} requests in flight and returns at once. */
  Running closedLoop(URI uri, int threads, Duration warmup, Duration window) {
    return start(uri, threads, 0, warmup, window);
  }

  /**
   * Starts an open loop of {@code ratePerSecond} requests a second served by {@code threads}
   * senders and returns at once.
   */
  Running openLoop(URI uri, int threads, double ratePerSecond, Duration warmup, Duration window) {
    if (!(ratePerSecond > 0)) {
      throw new IllegalArgumentException("The open-loop rate must be positive: " + ratePerSecond);
    }
    return start(uri, threads, ratePerSecond, warmup, window);
  }

  private Running start(
      URI uri, int threads, double ratePerSecond, Duration warmup, Duration window) {
    long loadStart = System.nanoTime();
    long windowStart = loadStart + warmup.toNanos();
    long windowEnd = windowStart + window.toNanos();
    Schedule schedule =
        new Schedule(
            loadStart, ratePerSecond > 0 ? 1e9 / ratePerSecond : 0, windowStart, windowEnd);
    CountDownLatch released = new CountDownLatch(1);
    Sender[] senders = new Sender[threads];
    Thread[] running = new Thread[threads];
    for (int i = 0; i < threads; i++) {
      senders[i] = new Sender(uri, schedule, released);
      running[i] = new Thread(senders[i], ClosedLoopLoad.THREAD_NAME_PREFIX + i);
      running[i].setDaemon(true);
    }
    for (Thread thread : running) {
      thread.start();
    }
    return new Running(uri, threads, window, schedule, released, senders, running);
  }

  /**
   * When requests are due and which count; {@code intervalNanos} 0 means closed loop. The slot
   * counter is shared by all senders of an open loop.
   */
  private static final class Schedule {
    final long loadStart;
    final double intervalNanos;
    final long windowStart;
    final long windowEnd;
    final AtomicLong nextSlot = new AtomicLong();

    Schedule(long loadStart, double intervalNanos, long windowStart, long windowEnd) {
      this.loadStart = loadStart;
      this.intervalNanos = intervalNanos;
      this.windowStart = windowStart;
      this.windowEnd = windowEnd;
    }

    boolean open() {
      return intervalNanos > 0;
    }
  }

  /** A load in progress; its window bounds are {@link System#nanoTime()} values. */
  static final class Running {
    private final URI uri;
    private final int threads;
    private final Duration window;
    private final Schedule schedule;
    private final CountDownLatch released;
    private final Sender[] senders;
    private final Thread[] running;

    private Running(
        URI uri,
        int threads,
        Duration window,
        Schedule schedule,
        CountDownLatch released,
        Sender[] senders,
        Thread[] running) {
      this.uri = uri;
      this.threads = threads;
      this.window = window;
      this.schedule = schedule;
      this.released = released;
      this.senders = senders;
      this.running = running;
    }

    long windowStart() {
      return schedule.windowStart;
    }

    long windowEnd() {
      return schedule.windowEnd;
    }

    /** Waits until the window is over and the requests still in flight are answered. */
    LoadResult await() throws InterruptedException {
      released.countDown();
      long deadline = schedule.windowEnd + DRAIN_TIMEOUT.toNanos();
      for (Thread thread : running) {
        long remaining = deadline - System.nanoTime();
        if (remaining > 0) {
          TimeUnit.NANOSECONDS.timedJoin(thread, remaining);
        }
        if (thread.isAlive()) {
          throw new IllegalStateException(
              thread.getName() + " loading " + uri + " did not finish in time");
        }
      }
      return merge();
    }

    private LoadResult merge() {
      int total = 0;
      for (Sender sender : senders) {
        total += sender.measured;
      }
      long[] latencies = new long[total];
      long errors = 0;
      long okTotal = 0;
      Map<String, Long> errorKinds = new HashMap<>();
      Map<String, String> errorExamples = new HashMap<>();
      int offset = 0;
      for (Sender sender : senders) {
        System.arraycopy(sender.latencies, 0, latencies, offset, sender.measured);
        offset += sender.measured;
        errors += sender.errors;
        okTotal += sender.okTotal;
        sender.errorKinds.forEach((kind, count) -> errorKinds.merge(kind, count, Long::sum));
        sender.errorExamples.forEach(errorExamples::putIfAbsent);
      }
      Arrays.sort(latencies);
      return new LoadResult(
          uri.getPath(), threads, window, latencies, errors, errorKinds, errorExamples, okTotal);
    }
  }

  /** One thread, one request in flight at a time; its fields are only touched by that thread. */
  private final class Sender implements Runnable {
    private final URI uri;
    private final Schedule schedule;
    private final CountDownLatch released;
    private final Map<String, Long> errorKinds = new HashMap<>();
    private final Map<String, String> errorExamples = new HashMap<>();
    private long[] latencies = new long[4096];
    private int measured;
    private long errors;
    private long okTotal;

    Sender(URI uri, Schedule schedule, CountDownLatch released) {
      this.uri = uri;
      this.schedule = schedule;
      this.released = released;
    }

    @Override
    public void run() {
      try {
        if (schedule.open()) {
          runOpen();
        } else {
          runClosed();
        }
        // Alive until the caller's CPU sample at the window's end, as in ClosedLoopLoad.
        released.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void runClosed() throws InterruptedException {
      long now;
      do {
        long sentAt = System.nanoTime();
        Outcome outcome = send();
        now = System.nanoTime();
        if (now >= schedule.windowStart && now < schedule.windowEnd) {
          record(now - sentAt, outcome);
        }
      } while (now < schedule.windowEnd);
    }

    private void runOpen() throws InterruptedException {
      while (true) {
        long slot = schedule.nextSlot.getAndIncrement();
        long due = schedule.loadStart + (long) (slot * schedule.intervalNanos);
        if (due >= schedule.windowEnd) {
          return;
        }
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
          LockSupport.parkNanos(wait);
        }
        Outcome outcome = send();
        if (due >= schedule.windowStart) {
          record(System.nanoTime() - due, outcome);
        }
      }
    }

    private Outcome send() throws InterruptedException {
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .timeout(REQUEST_TIMEOUT)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(posts.next()))
              .build();
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          okTotal++;
          return null;
        }
        return new Outcome(Integer.toString(response.statusCode()), response.body());
      } catch (IOException e) {
        return new Outcome(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
      }
    }

    private void record(long latencyNanos, Outcome failure) {
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
  }

  /** A request that was not answered 200: the status or exception, and its body or message. */
  private record Outcome(String kind, String text) {}
}
