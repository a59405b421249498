package dev.signalyard.benchmarks;

import dev.signalyard.testsupport.KafkaBrokerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * End-to-end latency of run-control broadcasts: from drunc's produce on the upstream topic to the
 * event on query-api's SSE stream, through ingest's bridge, {@code broadcasts}, streams' dedupe and
 * {@code broadcast-feed}.
 *
 * <p>It starts a single-node KRaft broker in its own JVM ({@link KafkaBrokerProcess}) and ingest
 * (bridge on), streams and query-api in this JVM, each in its own Spring context. A subscriber
 * ({@link BroadcastStreamProbe}, its own thread and HTTP client) follows {@code
 * /api/broadcasts/stream?session=<session>&last=0}. An open-loop producer sends raw protobuf drunc
 * broadcasts with no key to {@code control.<session>.process_manager} at {@code --rate} per second,
 * each carrying in its text its sequence number and the time it was due to be sent; a late send is
 * charged to the latency (no coordinated omission). After a readiness check and {@code --warmup},
 * it measures {@code --duration}, waits for stragglers (until all arrived or none came for 15 s)
 * and prints p50/p90/p99/max of receive minus due time. It prints {@code FAIL} and exits 1 when a
 * measured message never arrived on the stream, else 0. Target: p99 at most {@value
 * #TARGET_P99_MILLIS} ms at 1,000 messages/s.
 *
 * <p>Run it with {@code benchmarks/run-broadcast-benchmark.sh latency [--rate 1000] [--warmup 20s]
 * [--duration 60s]}; see {@code docs/benchmarks.md}.
 */
public final class BroadcastLatencyBenchmark {

  static final long TARGET_P99_MILLIS = 250;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STALL_LIMIT = Duration.ofSeconds(15);

  private BroadcastLatencyBenchmark() {}

  public static void main(String[] args) {
    BenchmarkProgram.main(
        args,
        BroadcastBenchmarkOptions::parse,
        BroadcastBenchmarkOptions.USAGE,
        BroadcastLatencyBenchmark::run);
  }

  private static int run(BroadcastBenchmarkOptions options) throws Exception {
    String session = "latency-" + UUID.randomUUID().toString().substring(0, 8);
    String topic = "control." + session + ".process_manager";
    Path stateDir = Files.createTempDirectory("broadcast-latency-streams-");
    // Closed in reverse order: the services before the broker they talk to.
    try (KafkaBrokerProcess broker = KafkaBrokerProcess.start()) {
      String bootstrap = broker.bootstrapServers();
      BroadcastUpstream.createTopics(bootstrap, List.of(topic));
      progress("Starting ingest (bridge), streams and query-api");
      try (ConfigurableApplicationContext ingest =
              BroadcastServices.ingestWithBridge(
                  bootstrap, "latency-bridge", "^control\\." + session + "\\..+");
          ConfigurableApplicationContext streams =
              BroadcastServices.streams(bootstrap, "broadcast-" + session, stateDir);
          ConfigurableApplicationContext queryApi = BroadcastServices.queryApi(bootstrap);
          BroadcastStreamProbe probe =
              BroadcastStreamProbe.subscribe(BroadcastServices.port(queryApi), session);
          KafkaProducer<byte[], byte[]> producer = BroadcastUpstream.producer(bootstrap, 0)) {
        Sender sender = new Sender(producer, topic, session);
        progress("Waiting until a broadcast makes it through");
        awaitReady(sender, probe);
        progress(
            "Warm-up: "
                + options.rate()
                + " messages/s for "
                + options.warmup().toSeconds()
                + " s");
        sender.openLoop(BroadcastStreamProbe.WARMUP, options.rate(), options.warmup());
        progress(
            "Measuring: "
                + options.rate()
                + " messages/s for "
                + options.duration().toSeconds()
                + " s");
        long sent =
            sender.openLoop(BroadcastStreamProbe.MEASURED, options.rate(), options.duration());
        awaitStragglers(probe, sent);
        return report(options, sent, probe);
      }
    }
  }

  /**
   * Waits until every measured message arrived, or none arrived for {@link #STALL_LIMIT}: a
   * pipeline that fell behind still counts its late messages (as latency), only lost ones are
   * missing.
   */
  private static void awaitStragglers(BroadcastStreamProbe probe, long sent)
      throws InterruptedException {
    long received = probe.measuredReceived();
    long lastChange = System.nanoTime();
    while (received < sent && System.nanoTime() - lastChange < STALL_LIMIT.toNanos()) {
      Thread.sleep(100);
      long now = probe.measuredReceived();
      if (now != received) {
        received = now;
        lastChange = System.nanoTime();
      }
    }
  }

  private static void awaitReady(Sender sender, BroadcastStreamProbe probe)
      throws InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (!probe.ready()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("No broadcast reached the stream in " + READY_TIMEOUT);
      }
      sender.send(BroadcastStreamProbe.READY, 0, System.nanoTime());
      Thread.sleep(500);
    }
  }

  private static int report(
      BroadcastBenchmarkOptions options, long sent, BroadcastStreamProbe probe) {
    long[] latencies = probe.measuredLatenciesNanos();
    long missing = sent - latencies.length;
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "Broadcast latency, upstream produce -> SSE event: %d messages/s open loop, measured %d s%n",
        options.rate(),
        options.duration().toSeconds());
    System.out.printf(
        Locale.ROOT,
        "  sent %d, received %d, missing %d, duplicates %d, out of order %d%n",
        sent,
        latencies.length,
        missing,
        probe.duplicates(),
        probe.outOfOrder());
    if (latencies.length > 0) {
      double p99 = percentileMillis(latencies, 0.99);
      System.out.printf(
          Locale.ROOT,
          "  latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n",
          percentileMillis(latencies, 0.50),
          percentileMillis(latencies, 0.90),
          p99,
          latencies[latencies.length - 1] / 1e6);
      System.out.printf(
          Locale.ROOT,
          "  target p99 <= %d ms: %s%n",
          TARGET_P99_MILLIS,
          p99 <= TARGET_P99_MILLIS ? "met" : "NOT met");
    }
    if (probe.resynced()) {
      System.out.println(
          "  the stream ended with resync: the subscriber fell more than"
              + " signalyard.query.broadcasts.subscriber-buffer broadcasts behind");
    }
    boolean complete = missing == 0;
    System.out.println(
        complete
            ? "  delivery: OK, every measured message arrived on the stream"
            : "  FAIL: " + missing + " measured messages never arrived on the stream");
    return complete ? 0 : 1;
  }

  /** The value below which a fraction {@code q} of the sorted latencies lie (nearest rank). */
  static double percentileMillis(long[] sortedNanos, double q) {
    int rank = (int) Math.ceil(q * sortedNanos.length);
    return sortedNanos[Math.max(0, rank - 1)] / 1e6;
  }

  /** Sends probes, as drunc does: raw protobuf, no key. Producer thread only. */
  private static final class Sender {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final String session;

    Sender(KafkaProducer<byte[], byte[]> producer, String topic, String session) {
      this.producer = producer;
      this.topic = topic;
      this.session = session;
    }

    void send(String phase, long sequence, long dueNanos) {
      producer.send(
          new ProducerRecord<>(
              topic,
              null,
              BroadcastUpstream.broadcast(
                  session,
                  "process_manager",
                  (int) sequence,
                  BroadcastStreamProbe.text(phase, sequence, dueNanos))));
    }

    /**
     * Sends at {@code rate} per second for {@code duration}, each message due at a fixed time from
     * the start; returns how many it sent.
     */
    long openLoop(String phase, int rate, Duration duration) {
      long periodNanos = 1_000_000_000L / rate;
      long count = duration.toNanos() / periodNanos;
      long start = System.nanoTime();
      for (long i = 0; i < count; i++) {
        long due = start + i * periodNanos;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        send(phase, i, due);
      }
      producer.flush();
      return count;
    }
  }

  private static void progress(String message) {
    System.out.println("==> " + message);
  }
}
