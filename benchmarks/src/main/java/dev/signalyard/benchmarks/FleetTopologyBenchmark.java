package dev.signalyard.benchmarks;

import dev.signalyard.platform.kafka.SignalyardKafkaProperties;
import dev.signalyard.platform.kafka.TopicProvisioner;
import dev.signalyard.schemas.fleet.FleetLocation;
import dev.signalyard.schemas.fleet.FleetVehicle;
import dev.signalyard.schemas.fleet.Trip;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import dev.signalyard.streams.fleet.FleetStreamsProperties;
import dev.signalyard.streams.fleet.FleetTopologies;
import dev.signalyard.testsupport.KafkaBrokerProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Throughput of the fleet topologies (trips → roundtrips → daily usage) against a bare consumer
 * reading the same trips in the same run.
 *
 * <p>Each round starts a fresh single-node KRaft broker in its own JVM ({@link
 * KafkaBrokerProcess}), writes the locations, the vehicles and {@code --vehicles} × {@code --days}
 * days of trips ({@link FleetTopologyTrips}, about five a vehicle and day, day by day as extractors
 * deliver them), then reads {@code fleet-trips} twice:
 *
 * <ol>
 *   <li><b>bare consumer</b>: one {@link KafkaConsumer} on all partitions that deserializes every
 *       trip with the serde the topology uses and nothing else: the floor cost of reading the
 *       topic;
 *   <li><b>topology</b>: {@link FleetTopologies} as the streams service builds it, run by a plain
 *       {@link KafkaStreams} with the service's settings (exactly-once v2, 100 ms commit interval,
 *       RocksDB stores, {@code --threads} stream threads), fresh application id and state
 *       directory.
 * </ol>
 *
 * <p>Rates leave start-up out: each is the trips processed after a first observation point divided
 * by the time from there to the last one. For the bare consumer that point is the end of its first
 * non-empty poll; for the topology it is the first time the application's committed offsets on
 * {@code fleet-trips} (polled every {@value ConsumerGroupProgress#POLL_MILLIS} ms) are above zero,
 * and the end is when they reach the topic's end. The time until the daily-usage topology has also
 * consumed all of the application's own {@code fleet-roundtrips} output is reported as the whole
 * pipeline's rate. Every round checks that roundtrips and daily usage came out and that no trip
 * went to dead-letters.
 *
 * <p>Exit status: 0 when the topology makes at least {@value #TARGET_RATE} trips/s; 1 when the run
 * fails or the output is wrong; 2 on a bad option; 3 when the target is missed. Run it with {@code
 * benchmarks/run-fleet-topology-benchmark.sh}; see {@code docs/fleet.md}.
 */
public final class FleetTopologyBenchmark {

  static final double TARGET_RATE = 20_000;

  private static final String TRIPS = TopicCatalog.FLEET_TRIPS.name();
  private static final String ROUNDTRIPS = TopicCatalog.FLEET_ROUNDTRIPS.name();
  private static final String USAGE = TopicCatalog.FLEET_DAILY_USAGE.name();
  private static final String DEAD_LETTERS = TopicCatalog.DEAD_LETTERS.name();
  private static final long POLL_MILLIS = 100;
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  private FleetTopologyBenchmark() {}

  /** One measured reading of the trips topic. */
  private record Reading(long records, double seconds, Map<String, Double> cpuCores) {
    double rate() {
      return records / seconds;
    }
  }

  /** One round's results. */
  private record Round(
      long trips,
      double produceRate,
      Reading bare,
      Reading topology,
      double pipelineRate,
      long roundtrips,
      long usage) {}

  public static void main(String[] args) {
    BenchmarkProgram.main(
        args, FleetTopologyOptions::parse, FleetTopologyOptions.USAGE, FleetTopologyBenchmark::run);
  }

  private static int run(FleetTopologyOptions options) throws Exception {
    Path stateRoot = Files.createTempDirectory("fleet-topology-benchmark");
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

  private static Round round(int round, FleetTopologyOptions options, Path stateRoot)
      throws Exception {
    progress("Round " + round + " of " + options.rounds() + ": starting a fresh broker");
    try (KafkaBrokerProcess broker = KafkaBrokerProcess.start()) {
      String bootstrap = broker.bootstrapServers();
      new TopicProvisioner(
              new SignalyardKafkaProperties(bootstrap, Map.of(), true, (short) 1, 0, 0))
          .createMissingTopics(ADMIN_TIMEOUT);
      awaitLeaders(bootstrap);

      progress(
          "Writing "
              + options.days()
              + " days of trips of "
              + options.vehicles()
              + " vehicles at "
              + options.locations()
              + " locations");
      long produceStart = System.nanoTime();
      long trips = produce(bootstrap, options);
      double produceRate = trips / ((System.nanoTime() - produceStart) / 1e9);
      System.out.printf(Locale.ROOT, "    %d trips written, %.0f trips/s%n", trips, produceRate);

      progress("Bare consumer: reading and deserializing " + TRIPS);
      Reading bare = bareConsumer(bootstrap, trips, options.timeout());
      System.out.printf(Locale.ROOT, "    %.0f records/s%n", bare.rate());

      progress("Topology: the fleet topologies reading " + TRIPS + " from the start");
      double[] pipelineRate = new double[1];
      Reading topology = topology(bootstrap, trips, round, stateRoot, options, pipelineRate);
      System.out.printf(Locale.ROOT, "    %.0f trips/s%n", topology.rate());

      long roundtrips = ReadCommittedTopic.count(bootstrap, ROUNDTRIPS);
      long usage = ReadCommittedTopic.count(bootstrap, USAGE);
      long deadLetters = ReadCommittedTopic.count(bootstrap, DEAD_LETTERS);
      boolean sound = roundtrips > 0 && usage > 0 && deadLetters == 0;
      System.out.printf(
          Locale.ROOT,
          "%s: %s holds %d roundtrips, %s %d day updates, %s %d records, for %d trips%n",
          sound ? "PASS" : "FAIL",
          ROUNDTRIPS,
          roundtrips,
          USAGE,
          usage,
          DEAD_LETTERS,
          deadLetters,
          trips);
      progress("Round " + round + ": shutting the broker down");
      return sound
          ? new Round(trips, produceRate, bare, topology, pipelineRate[0], roundtrips, usage)
          : null;
    }
  }

  /**
   * Waits until every partition of the written topics answers a ListOffsets request, which only a
   * partition's leader does: producing into partitions whose leadership is still settling makes an
   * idempotent producer fail with out-of-order sequence numbers on a loaded machine.
   */
  private static void awaitLeaders(String bootstrap) throws Exception {
    List<String> topics =
        List.of(TRIPS, TopicCatalog.FLEET_LOCATIONS.name(), TopicCatalog.FLEET_VEHICLES.name());
    long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      admin
          .describeTopics(topics)
          .allTopicNames()
          .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
          .forEach(
              (topic, description) ->
                  description
                      .partitions()
                      .forEach(
                          p ->
                              latest.put(
                                  new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
      while (true) {
        try {
          admin.listOffsets(latest).all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
          return;
        } catch (ExecutionException e) {
          if (System.nanoTime() > deadline) {
            throw e;
          }
          Thread.sleep(POLL_MILLIS);
        }
      }
    }
  }

  private static long produce(String bootstrap, FleetTopologyOptions options) {
    FleetTopologyTrips fleet =
        new FleetTopologyTrips(options.vehicles(), options.locations(), options.days());
    AvroSerde<Trip> tripSerde = AvroSerde.of(Trip.class);
    AvroSerde<FleetLocation> locationSerde = AvroSerde.of(FleetLocation.class);
    AvroSerde<FleetVehicle> vehicleSerde = AvroSerde.of(FleetVehicle.class);
    // As ingest produces (idempotent, acks=all), with larger batches: the write is set-up.
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    long[] count = {0};
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      AtomicReference<Exception> failure = new AtomicReference<>();
      for (FleetLocation location : fleet.locations()) {
        send(
            producer,
            failure,
            TopicCatalog.FLEET_LOCATIONS.name(),
            location.getId(),
            locationSerde.encode(location));
      }
      for (FleetVehicle vehicle : fleet.vehicles()) {
        send(
            producer,
            failure,
            TopicCatalog.FLEET_VEHICLES.name(),
            vehicle.getId(),
            vehicleSerde.encode(vehicle));
      }
      fleet.forEachTrip(
          trip -> {
            send(producer, failure, TRIPS, trip.getVehicleId(), tripSerde.encode(trip));
            count[0]++;
          });
      producer.flush();
      if (failure.get() != null) {
        throw new IllegalStateException("A record was not written", failure.get());
      }
    }
    return count[0];
  }

  private static void send(
      KafkaProducer<String, byte[]> producer,
      AtomicReference<Exception> failure,
      String topic,
      long key,
      byte[] value) {
    producer.send(
        new ProducerRecord<>(topic, Long.toString(key), value),
        (metadata, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
  }

  private static Reading bareConsumer(String bootstrap, long expected, Duration timeout) {
    AvroSerde<Trip> serde = AvroSerde.of(Trip.class);
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<String, byte[]> consumer = ReadCommittedTopic.fromStart(bootstrap, TRIPS)) {
      long total = 0;
      double checksum = 0;
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
          checksum += serde.decode(record.value()).getDistanceKm();
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
      System.out.printf(Locale.ROOT, "    checksum of km %.1f%n", checksum);
      return reading(total - firstCount, firstAt, lastAt, before, after);
    }
  }

  private static Reading topology(
      String bootstrap,
      long expected,
      int round,
      Path stateRoot,
      FleetTopologyOptions options,
      double[] pipelineRate)
      throws Exception {
    String applicationId = "fleet-topology-benchmark-" + round;
    StreamsBuilder builder = new StreamsBuilder();
    FleetTopologies.build(builder, FleetStreamsProperties.defaults(), Clock.systemUTC());
    Properties config = new Properties();
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    config.put(StreamsConfig.STATE_DIR_CONFIG, stateRoot.resolve("round-" + round).toString());
    config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, options.threads());
    config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    long deadline = System.nanoTime() + options.timeout().toNanos();
    try (KafkaStreams streams = new KafkaStreams(builder.build(), config);
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      streams.start();
      ConsumerGroupProgress groupProgress = new ConsumerGroupProgress(admin, applicationId);
      ConsumerGroupProgress.Window window =
          groupProgress.awaitCommitted(
              TRIPS,
              expected,
              committed -> {
                if (streams.state() == KafkaStreams.State.ERROR || System.nanoTime() > deadline) {
                  throw new IllegalStateException(
                      "The topology committed "
                          + committed
                          + " of "
                          + expected
                          + " trips, state "
                          + streams.state());
                }
              });
      if (!window.measurable()) {
        throw new IllegalStateException(
            "The topology committed every trip at once; use more --days to measure a rate");
      }
      // Daily usage reads fleet-roundtrips in the same application: the pipeline is done when it
      // has consumed that topic to its end.
      groupProgress.awaitCaughtUp(ROUNDTRIPS, deadline);
      long measured = expected - window.firstCount();
      pipelineRate[0] = measured / ((System.nanoTime() - window.firstAt()) / 1e9);
      streams.close(Duration.ofSeconds(60));
      return reading(measured, window.firstAt(), window.lastAt(), window.before(), window.after());
    }
  }

  private static Reading reading(
      long records, long firstAt, long lastAt, CpuUsage.Sample before, CpuUsage.Sample after) {
    if (records == 0 || lastAt <= firstAt) {
      throw new IllegalStateException(
          "Everything was read in the first poll; use more --days to measure a rate");
    }
    return new Reading(records, (lastAt - firstAt) / 1e9, CpuUsage.coresBetween(before, after));
  }

  private static int report(PrintStream out, FleetTopologyOptions options, List<Round> rounds) {
    out.println();
    out.printf(
        Locale.ROOT,
        "Fleet topology benchmark: %d vehicles x %d days (%d trips) per round, %d stream"
            + " thread(s), %d round(s)%n",
        options.vehicles(),
        options.days(),
        rounds.get(0).trips(),
        options.threads(),
        rounds.size());
    out.printf(
        Locale.ROOT,
        "%-6s %12s %14s %14s %8s %16s %11s%n",
        "round",
        "written/s",
        "bare rec/s",
        "trips/s",
        "ratio",
        "whole pipeline/s",
        "roundtrips");
    for (int i = 0; i < rounds.size(); i++) {
      Round round = rounds.get(i);
      out.printf(
          Locale.ROOT,
          "%-6d %12.0f %14.0f %14.0f %7.1f%% %16.0f %11d%n",
          i + 1,
          round.produceRate(),
          round.bare().rate(),
          round.topology().rate(),
          100 * round.topology().rate() / round.bare().rate(),
          round.pipelineRate(),
          round.roundtrips());
    }
    Round last = rounds.get(rounds.size() - 1);
    cpu(out, "bare consumer", last.bare());
    cpu(out, "topology (stream threads under 'other threads of this JVM')", last.topology());
    boolean pass = last.topology().rate() >= TARGET_RATE;
    out.printf(
        Locale.ROOT,
        "%s: topology %.0f trips/s (%.1f%% of the bare consumer's %.0f records/s); target >= %.0f"
            + " trips/s%n",
        pass ? "PASS" : "FAIL",
        last.topology().rate(),
        100 * last.topology().rate() / last.bare().rate(),
        last.bare().rate(),
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
