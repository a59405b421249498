package dev.signalyard.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subscriber of {@link BroadcastLatencyBenchmark}: follows query-api's broadcast SSE stream of
 * one session on a thread and with an HTTP client of its own, and notes for every probe broadcast
 * the time it arrived minus the time it was due to be sent (both {@link System#nanoTime()} of this
 * JVM, carried in the broadcast's text).
 *
 * <p>Thread-safety: one reader thread writes; the counters and results may be read from any thread.
 */
final class BroadcastStreamProbe implements AutoCloseable {

  static final String READY = "ready";
  static final String WARMUP = "warmup";
  static final String MEASURED = "measured";
  private static final String RESYNC_EVENT = "resync";

  private static final Pattern PROBE =
      Pattern.compile(
          "\"text\":\"probe (" + READY + "|" + WARMUP + "|" + MEASURED + ") (\\d+) (-?\\d+)\"");

  private final ConcurrentHashMap<Long, Long> measured = new ConcurrentHashMap<>();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong outOfOrder = new AtomicLong();
  private volatile boolean resynced;
  private final Thread reader;
  private volatile boolean ready;
  private volatile InputStream body;
  private long lastMeasured = -1;

  private BroadcastStreamProbe(InputStream body) {
    this.body = body;
    this.reader = new Thread(this::read, "sse-probe");
    reader.setDaemon(true);
  }

  /** Opens the stream of {@code session} (no backlog) and starts reading it. */
  static BroadcastStreamProbe subscribe(int queryApiPort, String session)
      throws IOException, InterruptedException {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    HttpResponse<InputStream> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + queryApiPort
                            + "/api/broadcasts/stream?last=0&session="
                            + session))
                .header("Accept", "text/event-stream")
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("The broadcast stream answered " + response.statusCode());
    }
    BroadcastStreamProbe probe = new BroadcastStreamProbe(response.body());
    probe.reader.start();
    return probe;
  }

  /** The text of a probe broadcast. */
  static String text(String phase, long sequence, long dueNanos) {
    return "probe " + phase + " " + sequence + " " + dueNanos;
  }

  private void read() {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.startsWith("event:") && line.substring(6).trim().equals(RESYNC_EVENT)) {
          // query-api ends the stream of a subscriber that fell behind its buffer.
          resynced = true;
        } else if (line.startsWith("data:")) {
          long now = System.nanoTime();
          Matcher m = PROBE.matcher(line);
          if (m.find()) {
            note(m.group(1), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), now);
          }
        }
      }
    } catch (IOException e) {
      if (body != null) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private void note(String phase, long sequence, long dueNanos, long receivedNanos) {
    ready = true;
    if (!MEASURED.equals(phase)) {
      return;
    }
    if (measured.putIfAbsent(sequence, receivedNanos - dueNanos) != null) {
      duplicates.incrementAndGet();
      return;
    }
    if (sequence < lastMeasured) {
      outOfOrder.incrementAndGet();
    }
    lastMeasured = sequence;
  }

  boolean ready() {
    return ready;
  }

  long measuredReceived() {
    return measured.size();
  }

  /** Whether query-api ended the stream because this subscriber fell behind its buffer. */
  boolean resynced() {
    return resynced;
  }

  long duplicates() {
    return duplicates.get();
  }

  long outOfOrder() {
    return outOfOrder.get();
  }

  /** Latencies of the measured probes received so far, sorted. */
  long[] measuredLatenciesNanos() {
    long[] values = measured.values().stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(values);
    return values;
  }

  @Override
  public void close() throws IOException {
    InputStream stream = body;
    body = null;
    stream.close();
  }
}
