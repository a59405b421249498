package dev.signalyard.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import reactor.core.publisher.Mono;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The client side of {@link SseFanoutBenchmark}, run in a JVM of its own so that the server's heap
 * and CPU are measured without it: opens N server-sent event streams (one connection each, Reactor
 * Netty) and records, for every {@code device} event whose {@code lastReceivedAt} is after the
 * measurement start, the delay from that time (set by the producer when it sends) to receipt, on
 * the same machine clock.
 *
 * <p>Usage: {@code SseFanoutClients <url> <clients> <rampSeconds> <measureFromEpochMs> <seconds>
 * [connections]}: with connections > 0 the streams are multiplexed over at most that many HTTP/2
 * (h2c, prior knowledge) connections instead of one HTTP/1.1 connection each. Prints {@code STAT}
 * lines every second and one {@code RESULT} line at the end, which the benchmark parses.
 *
 * <p>A stream that ends with {@code resync} (the server dropped it for falling behind) is opened
 * again {@link #RECONNECT_DELAY} later, as a browser's {@code EventSource} does, so an overloaded
 * server keeps its load; resyncs are counted.
 *
 * <p>Thread-safety: the counters are atomic; Netty's event loops update them concurrently.
 */
public final class SseFanoutClients {

  /** Latency histogram in whole milliseconds; the last bucket holds everything slower. */
  private static final int MAX_MS = 60_000;

  private static final String FIELD = "\"lastReceivedAt\":\"";

  /** A browser's usual reconnection time after a stream ends. */
  static final Duration RECONNECT_DELAY = Duration.ofSeconds(3);

  private final AtomicLongArray latencyMs = new AtomicLongArray(MAX_MS + 1);
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicInteger connected = new AtomicInteger();
  private final AtomicInteger errors = new AtomicInteger();
  private final AtomicInteger shutdowns = new AtomicInteger();
  private final AtomicInteger resyncs = new AtomicInteger();
  private final long measureFrom;

  private SseFanoutClients(long measureFrom) {
    this.measureFrom = measureFrom;
  }

  public static void main(String[] args) throws InterruptedException {
    String url = args[0];
    int clients = Integer.parseInt(args[1]);
    Duration ramp = Duration.ofSeconds(Long.parseLong(args[2]));
    long measureFrom = Long.parseLong(args[3]);
    Duration duration = Duration.ofSeconds(Long.parseLong(args[4]));
    int connections = args.length > 5 ? Integer.parseInt(args[5]) : 0;
    new SseFanoutClients(measureFrom).run(url, clients, ramp, duration, connections);
    System.exit(0);
  }

  private void run(String url, int clients, Duration ramp, Duration duration, int connections)
      throws InterruptedException {
    HttpClient http =
        connections > 0
            ? HttpClient.create(
                    ConnectionProvider.builder("sse-h2c")
                        .maxConnections(connections)
                        .pendingAcquireMaxCount(-1)
                        .pendingAcquireTimeout(Duration.ofMinutes(5))
                        .build())
                .protocol(HttpProtocol.H2C)
            : HttpClient.create(ConnectionProvider.newConnection());
    http = http.responseTimeout(Duration.ofMinutes(30));
    long pauseNanos = clients == 0 ? 0 : ramp.toNanos() / clients;
    long start = System.nanoTime();
    for (int i = 0; i < clients; i++) {
      open(http, url);
      long due = start + pauseNanos * (i + 1);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      if (i % 1000 == 999) {
        stat();
      }
    }
    long end = measureFrom + duration.toMillis();
    while (System.currentTimeMillis() < end) {
      Thread.sleep(1000);
      stat();
    }
    result();
  }

  private void open(HttpClient http, String url) {
    http.headers(h -> h.set("Accept", "text/event-stream"))
        .get()
        .uri(url)
        .response(
            (response, body) -> {
              if (response.status().code() != 200) {
                errors.incrementAndGet();
                return body.then();
              }
              connected.incrementAndGet();
              StringBuilder pending = new StringBuilder();
              boolean[] resynced = new boolean[1];
              return body.asString()
                  .doOnNext(chunk -> resynced[0] |= chunk(pending, chunk))
                  .doFinally(
                      s -> {
                        connected.decrementAndGet();
                        if (resynced[0]) {
                          Mono.delay(RECONNECT_DELAY).subscribe(tick -> open(http, url));
                        }
                      })
                  .then();
            })
        .subscribe(unused -> {}, error -> errors.incrementAndGet());
  }

  /**
   * One chunk of a stream, appended to what is left of the previous ones: every whole event (ended
   * by a blank line) is taken out and each {@code lastReceivedAt} in it is one delivery. Chunks
   * need not hold whole events (HTTP/2 frames, TCP segments). True when one was {@code resync}.
   */
  private boolean chunk(StringBuilder pending, String chunk) {
    pending.append(chunk);
    boolean resync = false;
    int end;
    while ((end = pending.indexOf("\n\n")) >= 0) {
      resync |= event(pending.substring(0, end));
      pending.delete(0, end + 2);
    }
    return resync;
  }

  /** Records the deliveries of one event; true when it is {@code resync}. */
  private boolean event(String event) {
    if (event.contains("event:shutdown")) {
      shutdowns.incrementAndGet();
    }
    if (event.contains("event:resync")) {
      resyncs.incrementAndGet();
      return true;
    }
    int at = event.indexOf(FIELD);
    while (at >= 0) {
      int from = at + FIELD.length();
      int to = event.indexOf('"', from);
      if (to < 0) {
        errors.incrementAndGet();
        return false;
      }
      record(event.substring(from, to));
      at = event.indexOf(FIELD, to);
    }
    return false;
  }

  private void record(String time) {
    long sent;
    try {
      sent = Instant.parse(time).toEpochMilli();
    } catch (DateTimeParseException e) {
      errors.incrementAndGet();
      return;
    }
    if (sent < measureFrom) {
      return;
    }
    long delay = Math.max(0, System.currentTimeMillis() - sent);
    latencyMs.incrementAndGet((int) Math.min(delay, MAX_MS));
    delivered.incrementAndGet();
  }

  private void stat() {
    System.out.printf(
        "STAT connected=%d delivered=%d errors=%d resyncs=%d%n",
        connected.get(), delivered.get(), errors.get(), resyncs.get());
  }

  private void result() {
    long total = 0;
    for (int i = 0; i <= MAX_MS; i++) {
      total += latencyMs.get(i);
    }
    System.out.printf(
        "RESULT connected=%d delivered=%d errors=%d shutdowns=%d resyncs=%d p50=%d p99=%d p999=%d"
            + " max=%d%n",
        connected.get(),
        delivered.get(),
        errors.get(),
        shutdowns.get(),
        resyncs.get(),
        percentile(total, 0.50),
        percentile(total, 0.99),
        percentile(total, 0.999),
        percentile(total, 1.0));
  }

  /** The smallest bucket at or below which {@code q} of the deliveries fall; -1 with none. */
  private long percentile(long total, double q) {
    if (total == 0) {
      return -1;
    }
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int i = 0; i <= MAX_MS; i++) {
      seen += latencyMs.get(i);
      if (seen >= rank) {
        return i;
      }
    }
    return MAX_MS;
  }
}
