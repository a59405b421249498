package dev.signalyard.benchmarks;

import dev.signalyard.schemas.topics.TopicCatalog;
import dev.signalyard.testsupport.KafkaBrokerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Throughput of ingest's broadcast bridge: how many drunc messages per second it copies from the
 * upstream {@code control.*} topics to {@code broadcasts}, decoded, normalised to Avro and
 * acknowledged by the broker ({@code acks=all}) before it commits upstream.
 *
 * <p>It starts a single-node KRaft broker in its own JVM ({@link KafkaBrokerProcess}), produces
 * {@code --messages} raw protobuf broadcasts (no key, as drunc) spread over {@code --topics} topics
 * {@code control.bench-<i>.process_manager}, and only then starts ingest with the bridge on, so
 * that the bridge always has a backlog. The rate is the number of copies divided by the time
 * between the first and the last record the bridge produced to {@code broadcasts} (their record
 * timestamps), so the start-up of ingest and the group join are not counted. It checks that every
 * message was copied (end offsets of {@code broadcasts}) and none went to {@code dead-letters}:
 * prints {@code FAIL} and exits 1 otherwise, else 0. Target: at least {@value #TARGET_PER_SECOND}
 * messages/s.
 *
 * <p>Run it with {@code benchmarks/run-broadcast-benchmark.sh bridge [--messages 500000] [--topics
 * 4]}; see {@code docs/benchmarks.md}.
 */
public final class BroadcastBridgeBenchmark {

  static final int TARGET_PER_SECOND = 20_000;
  private static final String BROADCASTS = TopicCatalog.BROADCASTS.name();
  private static final Duration STALL_LIMIT = Duration.ofSeconds(60);
  private static final int DISTINCT_PAYLOADS = 1_000;

  private BroadcastBridgeBenchmark() {}

  public static void main(String[] args) {
    BenchmarkProgram.main(
        args,
        BroadcastBenchmarkOptions::parse,
        BroadcastBenchmarkOptions.USAGE,
        BroadcastBridgeBenchmark::run);
  }

  private static int run(BroadcastBenchmarkOptions options) throws Exception {
    try (KafkaBrokerProcess broker = KafkaBrokerProcess.start()) {
      String bootstrap = broker.bootstrapServers();
      List<String> topics =
          IntStream.range(0, options.topics())
              .mapToObj(i -> "control.bench-" + i + ".process_manager")
              .toList();
      BroadcastUpstream.createTopics(bootstrap, topics);
      progress(
          "Producing " + options.messages() + " drunc broadcasts to " + topics.size() + " topics");
      produceUpstream(bootstrap, topics, options.messages());

      progress("Starting ingest with the broadcast bridge");
      long copied;
      long deadLetters;
      long[] span;
      try (ConfigurableApplicationContext ingest =
          BroadcastServices.ingestWithBridge(bootstrap, "benchmark-bridge", "^control\\..+")) {
        copied = awaitCopies(bootstrap, options.messages());
        deadLetters = TopicRecordCount.of(bootstrap, TopicCatalog.DEAD_LETTERS.name());
        span = firstAndLastTimestamp(bootstrap);
      }
      return report(options, topics.size(), copied, deadLetters, span);
    }
  }

  private static void produceUpstream(String bootstrap, List<String> topics, int messages)
      throws InterruptedException {
    List<byte[]> payloads = new ArrayList<>(DISTINCT_PAYLOADS);
    for (int i = 0; i < DISTINCT_PAYLOADS; i++) {
      payloads.add(
          BroadcastUpstream.broadcast(
              "bench-" + (i % topics.size()),
              i % 2 == 0 ? "root-controller" : "process_manager",
              i,
              String.format(
                  Locale.ROOT,
                  "run %d: dataflow-%d writing to /data/np04_raw_run%06d_%04d.hdf5",
                  31_000 + i / 100,
                  i % 4,
                  31_000 + i / 100,
                  i)));
    }
    AtomicLong failed = new AtomicLong();
    long start = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> producer = BroadcastUpstream.producer(bootstrap, 20)) {
      for (int i = 0; i < messages; i++) {
        producer.send(
            new ProducerRecord<>(
                topics.get(i % topics.size()), null, payloads.get(i % DISTINCT_PAYLOADS)),
            (metadata, error) -> {
              if (error != null) {
                failed.incrementAndGet();
              }
            });
      }
      producer.flush();
    }
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " upstream sends failed");
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    progress(
        String.format(
            Locale.ROOT,
            "Upstream backlog written in %.1f s (%.0f messages/s)",
            seconds,
            messages / seconds));
  }

  /** Waits until {@code expected} copies are on broadcasts, or nothing moved for a minute. */
  private static long awaitCopies(String bootstrap, long expected) throws Exception {
    long count = 0;
    long lastChange = System.nanoTime();
    long lastReport = System.nanoTime();
    while (count < expected && System.nanoTime() - lastChange < STALL_LIMIT.toNanos()) {
      Thread.sleep(200);
      long now = TopicRecordCount.of(bootstrap, BROADCASTS);
      if (now != count) {
        count = now;
        lastChange = System.nanoTime();
      }
      if (System.nanoTime() - lastReport > Duration.ofSeconds(5).toNanos()) {
        progress("  " + count + " of " + expected + " copied");
        lastReport = System.nanoTime();
      }
    }
    return count;
  }

  /** The record timestamps of the first and the last record on broadcasts, over partitions. */
  static long[] firstAndLastTimestamp(String bootstrap) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                1),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(BROADCASTS, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(BROADCASTS, p.partition()))
              .toList();
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long first = Long.MAX_VALUE;
      long last = Long.MIN_VALUE;
      for (TopicPartition partition : partitions) {
        long end = ends.get(partition);
        if (end == 0) {
          continue;
        }
        first = Math.min(first, timestampAt(consumer, partition, 0));
        last = Math.max(last, timestampAt(consumer, partition, end - 1));
      }
      return new long[] {first, last};
    }
  }

  private static long timestampAt(
      KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition, long offset) {
    consumer.assign(List.of(partition));
    consumer.seek(partition, offset);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
        return record.timestamp();
      }
    }
    throw new IllegalStateException("No record at " + partition + " offset " + offset);
  }

  private static int report(
      BroadcastBenchmarkOptions options, int topics, long copied, long deadLetters, long[] span) {
    long millis = Math.max(1, span[1] - span[0]);
    double perSecond = (copied - 1) * 1000.0 / millis;
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "Broadcast bridge throughput: %d drunc messages over %d upstream topics%n",
        options.messages(),
        topics);
    System.out.printf(
        Locale.ROOT,
        "  copied to %s: %d (missing %d), dead letters: %d%n",
        BROADCASTS,
        copied,
        options.messages() - copied,
        deadLetters);
    System.out.printf(
        Locale.ROOT, "  first to last produce on %s: %.3f s%n", BROADCASTS, millis / 1000.0);
    System.out.printf(
        Locale.ROOT,
        "  throughput: %.0f messages/s (target >= %d: %s)%n",
        perSecond,
        TARGET_PER_SECOND,
        perSecond >= TARGET_PER_SECOND ? "met" : "NOT met");
    boolean complete = copied == options.messages() && deadLetters == 0;
    System.out.println(
        complete
            ? "  delivery: OK, every upstream message is on " + BROADCASTS
            : "  FAIL: messages missing from " + BROADCASTS + " or dead-lettered");
    return complete ? 0 : 1;
  }

  private static void progress(String message) {
    System.out.println("==> " + message);
  }
}
