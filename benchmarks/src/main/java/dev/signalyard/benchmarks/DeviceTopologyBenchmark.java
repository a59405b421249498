package dev.signalyard.benchmarks;

import dev.signalyard.platform.kafka.SignalyardKafkaProperties;
import dev.signalyard.platform.kafka.TopicProvisioner;
import dev.signalyard.schemas.devices.RawDeviceReport;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import dev.signalyard.streams.StreamsApplication;
import dev.signalyard.testsupport.KafkaBrokerProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Throughput of the device topologies (raw report → retries removed → decoded → {@code
 * device-reports}, and from there device state, latest report and track) against a bare consumer
 * reading the same topic in the same run.
 *
 * <p>Each round starts a fresh single-node KRaft broker in its own JVM ({@link
 * KafkaBrokerProcess}), writes {@code --reports} raw reports ({@link DeviceTopologyReports}) to
 * {@code device-reports-raw}, then reads them twice:
 *
 * <ol>
 *   <li><b>bare consumer</b>: one {@link KafkaConsumer} on all partitions that deserializes every
 *       value with the serde the topology uses ({@link AvroSerde} of {@link RawDeviceReport}) and
 *       nothing else: the floor cost of reading the topic in this JVM;
 *   <li><b>topology</b>: the streams service as deployed ({@link StreamsApplication}, exactly-once
 *       v2, its default single stream thread and 100 ms commit interval) with a fresh application
 *       id and state directory, reading the topic from the start.
 * </ol>
 *
 * <p>Both rates leave start-up out: each is the records processed after a first observation point
 * divided by the time from there to the last record. For the bare consumer that point is the end of
 * its first non-empty poll; for the topology it is the first time the application's committed
 * offsets on {@code device-reports-raw} (polled every {@value ConsumerGroupProgress#POLL_MILLIS}
 * ms) are above zero, and the end is when they reach the topic's end (input lag 0). The time until
 * the application has also consumed all of its own {@code device-reports} output (the state and
 * track topologies) is reported as the whole pipeline's rate. Every round checks that {@code
 * device-reports} then holds exactly one decoded report per raw report (read_committed).
 *
 * <p>Fresh broker per round, so that no round reads an earlier round's output. The last round is
 * the result; earlier rounds warm the JIT up. Exit status: 0 when the topology makes at least half
 * the bare consumer's rate and {@value #TARGET_RATE} reports/s; 1 when the run fails or a report is
 * missing from the output; 2 on a bad option; 3 when a target is missed. Run it with {@code
 * benchmarks/run-device-topology-benchmark.sh}; see {@code docs/benchmarks.md}.
 *
 * <p>A program, not a library: {@link #main} runs once, on one thread.
 */
public final class DeviceTopologyBenchmark {

  static final double TARGET_RATE = 20_000;
  static final double TARGET_RATIO = 0.5;

  private static final String RAW = TopicCatalog.DEVICE_REPORTS_RAW.name();
  private static final String REPORTS = TopicCatalog.DEVICE_REPORTS.name();
  private static final String DEAD_LETTERS = TopicCatalog.DEAD_LETTERS.name();
  private static final long POLL_MILLIS = 100;
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
  private static final String APPLICATION_ID_PREFIX = "device-topology-benchmark-";

  /**
   * Linux names a thread by its first 15 characters; Kafka Streams names its stream threads (and
   * their consumers' and producers' heartbeat threads) after the application id.
   */
  private static final String STREAM_THREAD_COMM = APPLICATION_ID_PREFIX.substring(0, 15);

  private DeviceTopologyBenchmark() {}

  /**
   * One measured reading of the raw topic; {@code streamThreadCores} are the cores of threads named
   * after the topology's application id (0 for the bare consumer).
   */
  private record Reading(
      long records, double seconds, Map<String, Double> cpuCores, double streamThreadCores) {
    double rate() {
      return records / seconds;
    }
  }

  /** One round's results. */
  private record Round(
      long produced, double produceRate, Reading bare, Reading topology, double pipelineRate) {}

  public static void main(String[] args) {
    BenchmarkProgram.main(
        args,
        DeviceTopologyOptions::parse,
        DeviceTopologyOptions.USAGE,
        DeviceTopologyBenchmark::run);
  }

  private static int run(DeviceTopologyOptions options) throws Exception {
    Path stateRoot = Files.createTempDirectory("device-topology-benchmark");
    List<Round> rounds = new ArrayList<>();
    try {
      for (int round = 1; round <= options.rounds(); round++) {
        Round result = round(round, options, stateRoot);
        if (result == null) {
          return 1;
        }
        rounds.add(result);
      }
    } finally {
      deleteRecursively(stateRoot);
    }
    return report(System.out, options, rounds);
  }

  private static Round round(int round, DeviceTopologyOptions options, Path stateRoot)
      throws Exception {
    progress("Round " + round + " of " + options.rounds() + ": starting a fresh broker");
    try (KafkaBrokerProcess broker = KafkaBrokerProcess.start()) {
      String bootstrap = broker.bootstrapServers();
      new TopicProvisioner(
              new SignalyardKafkaProperties(bootstrap, Map.of(), true, (short) 1, 0, 0))
          .createMissingTopics(ADMIN_TIMEOUT);
      awaitLeaders(bootstrap, RAW);

      progress("Writing " + options.reports() + " raw reports of " + options.devices() + " modems");
      long produceStart = System.nanoTime();
      long produced = produce(bootstrap, options);
      double produceRate = produced / ((System.nanoTime() - produceStart) / 1e9);
      System.out.printf(Locale.ROOT, "    %d written, %.0f reports/s%n", produced, produceRate);

      progress("Bare consumer: reading and deserializing " + RAW);
      Reading bare = bareConsumer(bootstrap, produced, options.timeout());
      System.out.printf(Locale.ROOT, "    %.0f records/s%n", bare.rate());

      progress("Topology: the streams service reading " + RAW + " from the start");
      double[] pipelineRate = new double[1];
      Reading topology =
          topology(bootstrap, produced, round, stateRoot, options.timeout(), pipelineRate);
      System.out.printf(Locale.ROOT, "    %.0f reports/s%n", topology.rate());

      long decoded = ReadCommittedTopic.count(bootstrap, REPORTS);
      long deadLetters = ReadCommittedTopic.count(bootstrap, DEAD_LETTERS);
      boolean complete = decoded == produced && deadLetters == 0;
      System.out.printf(
          Locale.ROOT,
          "%s: %s holds %d reports for %d raw reports; %s holds %d%n",
          complete ? "PASS" : "FAIL",
          REPORTS,
          decoded,
          produced,
          DEAD_LETTERS,
          deadLetters);
      progress("Round " + round + ": shutting the broker down");
      return complete ? new Round(produced, produceRate, bare, topology, pipelineRate[0]) : null;
    }
  }

  private static long produce(String bootstrap, DeviceTopologyOptions options) {
    DeviceTopologyReports reports = new DeviceTopologyReports(options.devices(), options.reports());
    AvroSerde<RawDeviceReport> serde = AvroSerde.of(RawDeviceReport.class);
    // Set-up, not measured against a target: acks=all and large batches, one request in flight so
    // that retries keep the order. Not idempotent: on a topic created a moment ago, the idempotent
    // producer's retries after NOT_LEADER_OR_FOLLOWER ended in OUT_OF_ORDER_SEQUENCE_NUMBER until
    // the delivery timeout on the busy 2-core machine; a non-idempotent retry cannot duplicate here
    // (nothing was appended), and the bare consumer and the output check would see a duplicate.
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      AtomicReference<Exception> failure = new AtomicReference<>();
      for (long n = 0; n < options.reports() && failure.get() == null; n++) {
        producer.send(
            new ProducerRecord<>(RAW, reports.imei(n), serde.encode(reports.report(n))),
            (metadata, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              }
            });
      }
      producer.flush();
      if (failure.get() != null) {
        throw new IllegalStateException("A raw report was not written", failure.get());
      }
    }
    return options.reports();
  }

  /** Waits until every partition of {@code topic} has a leader, so that writes need no retry. */
  private static void awaitLeaders(String bootstrap, String topic) throws Exception {
    long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      while (admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
          .get(topic)
          .partitions()
          .stream()
          .anyMatch(partition -> partition.leader() == null)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(topic + " has partitions without a leader");
        }
        Thread.sleep(POLL_MILLIS);
      }
    }
  }

  private static Reading bareConsumer(String bootstrap, long expected, Duration timeout) {
    AvroSerde<RawDeviceReport> serde = AvroSerde.of(RawDeviceReport.class);
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<String, byte[]> consumer = ReadCommittedTopic.fromStart(bootstrap, RAW)) {
      long total = 0;
      long checksum = 0;
      long firstAt = -1;
      long firstCount = 0;
      CpuUsage.Sample before = null;
      while (total < expected) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "The bare consumer read " + total + " of " + expected + " records before --timeout");
        }
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(POLL_MILLIS));
        for (ConsumerRecord<String, byte[]> record : records) {
          checksum += serde.decode(record.value()).getMomsn();
          total++;
        }
        if (firstAt < 0 && total > 0) {
          firstAt = System.nanoTime();
          firstCount = total;
          before = CpuUsage.sample();
        }
      }
      long lastAt = System.nanoTime();
      CpuUsage.Sample after = CpuUsage.sample();
      // Uses the decoded values, so that no decoding can be optimized away.
      System.out.println("    checksum of momsn " + checksum);
      return reading(total - firstCount, firstAt, lastAt, before, after);
    }
  }

  private static Reading topology(
      String bootstrap,
      long expected,
      int round,
      Path stateRoot,
      Duration timeout,
      double[] pipelineRate)
      throws Exception {
    String applicationId = APPLICATION_ID_PREFIX + round;
    SpringApplication application = StreamsApplication.application();
    application.setRegisterShutdownHook(false);
    try (ConfigurableApplicationContext streams =
            application.run(
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--signalyard.kafka.bootstrap-servers=" + bootstrap,
                "--signalyard.streams.application-id=" + applicationId,
                "--signalyard.streams.state-dir=" + stateRoot.resolve("round-" + round));
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      long deadline = System.nanoTime() + timeout.toNanos();
      ConsumerGroupProgress groupProgress = new ConsumerGroupProgress(admin, applicationId);
      ConsumerGroupProgress.Window window =
          groupProgress.awaitCommitted(
              RAW,
              expected,
              committed -> {
                if (System.nanoTime() > deadline) {
                  throw new IllegalStateException(
                      "The topology committed "
                          + committed
                          + " of "
                          + expected
                          + " before --timeout");
                }
              });
      if (!window.measurable()) {
        throw new IllegalStateException(
            "The topology committed every report at once; use more --reports to measure a rate");
      }
      // The state and track topologies read device-reports in the same application; they are
      // done when it has consumed that topic to its end.
      groupProgress.awaitCaughtUp(REPORTS, deadline);
      long measured = expected - window.firstCount();
      pipelineRate[0] = measured / ((System.nanoTime() - window.firstAt()) / 1e9);
      return reading(measured, window.firstAt(), window.lastAt(), window.before(), window.after());
    }
  }

  private static Reading reading(
      long records, long firstAt, long lastAt, CpuUsage.Sample before, CpuUsage.Sample after) {
    if (records == 0 || lastAt <= firstAt) {
      throw new IllegalStateException(
          "Everything was read in the first poll; use more --reports to measure a rate");
    }
    return new Reading(
        records,
        (lastAt - firstAt) / 1e9,
        CpuUsage.coresBetween(before, after),
        streamThreadCores(before, after));
  }

  private static double streamThreadCores(CpuUsage.Sample before, CpuUsage.Sample after) {
    long nanos = 0;
    for (Map.Entry<String, CpuUsage.ThreadTime> thread : after.threads().entrySet()) {
      if (thread.getValue().name().startsWith(STREAM_THREAD_COMM)) {
        CpuUsage.ThreadTime earlier = before.threads().get(thread.getKey());
        nanos += thread.getValue().nanos() - (earlier == null ? 0 : earlier.nanos());
      }
    }
    return nanos / (double) (after.atNanos() - before.atNanos());
  }

  private static int report(PrintStream out, DeviceTopologyOptions options, List<Round> rounds) {
    out.println();
    out.printf(
        Locale.ROOT,
        "Device topology benchmark: %d raw reports of %d modems per round, %d round(s)%n",
        options.reports(),
        options.devices(),
        rounds.size());
    out.printf(
        Locale.ROOT,
        "%-6s %12s %14s %14s %8s %16s%n",
        "round",
        "written/s",
        "bare rec/s",
        "topology/s",
        "ratio",
        "whole pipeline/s");
    for (int i = 0; i < rounds.size(); i++) {
      Round round = rounds.get(i);
      out.printf(
          Locale.ROOT,
          "%-6d %12.0f %14.0f %14.0f %7.1f%% %16.0f%n",
          i + 1,
          round.produceRate(),
          round.bare().rate(),
          round.topology().rate(),
          100 * round.topology().rate() / round.bare().rate(),
          round.pipelineRate());
    }
    Round last = rounds.get(rounds.size() - 1);
    cpu(out, "bare consumer", last.bare());
    cpu(out, "topology", last.topology());
    double ratio = last.topology().rate() / last.bare().rate();
    boolean pass = ratio >= TARGET_RATIO && last.topology().rate() >= TARGET_RATE;
    out.printf(
        Locale.ROOT,
        "%s: topology %.0f reports/s = %.1f%% of the bare consumer's %.0f records/s (targets:"
            + " >= %.0f%% and >= %.0f reports/s)%n",
        pass ? "PASS" : "FAIL",
        last.topology().rate(),
        100 * ratio,
        last.bare().rate(),
        100 * TARGET_RATIO,
        TARGET_RATE);
    return pass ? 0 : 3;
  }

  private static void cpu(PrintStream out, String what, Reading reading) {
    out.printf(
        Locale.ROOT,
        "CPU while the %s read (last round, %.1f s, cores):%n",
        what,
        reading.seconds());
    out.print(
        CpuUsage.describe(
            reading.cpuCores(), Duration.ofMillis((long) (reading.seconds() * 1000))));
    if (reading.streamThreadCores() > 0) {
      out.printf(
          Locale.ROOT,
          "  of which the stream thread (in 'other threads of this JVM') %5.2f%n",
          reading.streamThreadCores());
    }
    out.printf(
        Locale.ROOT,
        "  CPU per record, this JVM and the broker: %.1f us%n",
        CpuUsage.serverCores(reading.cpuCores()) / reading.rate() * 1e6);
    if (CpuUsage.foreignCores(reading.cpuCores()) > 0.10) {
      out.printf(
          Locale.ROOT,
          "  WARNING: other processes used %.2f cores meanwhile; these figures are disturbed,"
              + " run again on a quiet machine%n",
          CpuUsage.foreignCores(reading.cpuCores()));
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static void progress(String message) {
    System.out.println("==> " + message);
  }
}
