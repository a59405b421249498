package dev.signalyard.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
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
    RequestTally[] tallies = new RequestTally[threads];
    Thread[] running = new Thread[threads];
    for (int i = 0; i < threads; i++) {
      tallies[i] = new RequestTally();
      running[i] =
          new Thread(
              new Sender(uri, schedule, released, tallies[i]),
              ClosedLoopLoad.THREAD_NAME_PREFIX + i);
      running[i].setDaemon(true);
    }
    for (Thread thread : running) {
      thread.start();
    }
    return new Running(uri, threads, window, schedule, released, tallies, running);
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
    private final RequestTally[] tallies;
    private final Thread[] running;

    private Running(
        URI uri,
        int threads,
        Duration window,
        Schedule schedule,
        CountDownLatch released,
        RequestTally[] tallies,
        Thread[] running) {
      this.uri = uri;
      this.threads = threads;
      this.window = window;
      this.schedule = schedule;
      this.released = released;
      this.tallies = tallies;
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
      RequestTally.awaitThreads(running, schedule.windowEnd, uri);
      return RequestTally.merge(uri.getPath(), threads, window, tallies);
    }
  }

  /** One thread, one request in flight at a time; its tally is only touched by that thread. */
  private final class Sender implements Runnable {
    private final URI uri;
    private final Schedule schedule;
    private final CountDownLatch released;
    private final RequestTally tally;

    Sender(URI uri, Schedule schedule, CountDownLatch released, RequestTally tally) {
      this.uri = uri;
      this.schedule = schedule;
      this.released = released;
      this.tally = tally;
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
        RequestTally.Failure failure = send();
        now = System.nanoTime();
        if (now >= schedule.windowStart && now < schedule.windowEnd) {
          tally.record(now - sentAt, failure);
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
        RequestTally.Failure failure = send();
        if (due >= schedule.windowStart) {
          tally.record(System.nanoTime() - due, failure);
        }
      }
    }

    private RequestTally.Failure send() throws InterruptedException {
      return tally.send(client, RequestTally.post(uri, "application/json", posts.next()));
    }
  }
}
