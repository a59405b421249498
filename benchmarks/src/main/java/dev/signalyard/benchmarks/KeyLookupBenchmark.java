package dev.signalyard.benchmarks;

import dev.signalyard.queryapi.QueryApiApplication;
import dev.signalyard.schemas.devices.DeviceState;
import dev.signalyard.schemas.devices.Position;
import dev.signalyard.schemas.devices.PositionSource;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import dev.signalyard.testsupport.KafkaBrokerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Key lookup latency across query-api replicas: {@code GET /api/devices/{imei}} on one replica, for
 * keys it owns (answered from its own store) and for keys the other replica owns (forwarded to it
 * over the internal endpoint), measured separately. Targets: p99 at most 10 ms local and 50 ms
 * forwarded.
 *
 * <p>In one run it starts a single-node KRaft broker in its own JVM ({@link KafkaBrokerProcess}),
 * two query-api replicas in this JVM (one Kafka Streams group, device-state's 6 partitions split
 * between them), writes N device states, waits until both replicas answer every key from the store,
 * then runs C client threads, each with one request in flight, against the first replica for W
 * seconds of warm-up and D measured seconds. Keys are drawn at random; each answer's {@code
 * X-Signalyard-Served-By} header says which path it took. It prints, per path, requests, requests
 * per second, p50 / p99 / p99.9 / max and non-200 answers.
 *
 * <p>Run it with {@code benchmarks/run-key-lookup-benchmark.sh [--devices 10000] [--clients 4]
 * [--warmup 10] [--duration 30]}; see {@code docs/architecture.md}.
 */
public final class KeyLookupBenchmark {

  private static final Instant T0 = Instant.parse("2026-11-22T00:00:00Z");
  private static final String SERVED_BY = "X-Signalyard-Served-By";
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

  private KeyLookupBenchmark() {}

  private static final Map<String, Integer> DEFAULTS = defaults();

  private static Map<String, Integer> defaults() {
    Map<String, Integer> defaults = new LinkedHashMap<>();
    defaults.put("devices", 10_000);
    defaults.put("clients", 4);
    defaults.put("warmup", 10);
    defaults.put("duration", 30);
    return defaults;
  }

  public static void main(String[] args) {
    BenchmarkProgram.main(
        args,
        a -> OptionValues.integers(a, DEFAULTS),
        "Usage: KeyLookupBenchmark [--devices 10000] [--clients 4] [--warmup 10] [--duration 30]",
        options ->
            run(
                options.get("devices"),
                options.get("clients"),
                options.get("warmup"),
                options.get("duration")));
  }

  private static int run(int devices, int clients, int warmup, int duration) throws Exception {
    String applicationId = "signalyard-query-api-benchmark-" + UUID.randomUUID();
    try (KafkaBrokerProcess broker = KafkaBrokerProcess.start();
        ConfigurableApplicationContext first =
            startReplica(broker.bootstrapServers(), applicationId);
        ConfigurableApplicationContext second =
            startReplica(broker.bootstrapServers(), applicationId)) {
      List<String> imeis = publish(broker.bootstrapServers(), devices);
      String base = "http://127.0.0.1:" + port(first);
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      progress(
          "Waiting until both replicas answer every one of " + devices + " keys from the store");
      awaitStoreAnswers(http, base, imeis);
      awaitStoreAnswers(http, "http://127.0.0.1:" + port(second), imeis);
      progress("Warm-up " + warmup + " s, then " + duration + " s with " + clients + " clients");
      load(http, base, imeis, clients, warmup);
      Map<String, Latencies> measured = load(http, base, imeis, clients, duration);
      print(measured, duration);
      Latencies local = measured.get("local");
      Latencies forwarded = measured.get("forwarded");
      boolean met =
          local != null
              && forwarded != null
              && local.percentile(99) <= 10.0
              && forwarded.percentile(99) <= 50.0
              && local.failures == 0
              && forwarded.failures == 0;
      System.out.println(met ? "targets met" : "targets NOT met");
      return met ? 0 : 3;
    }
  }

  private static ConfigurableApplicationContext startReplica(
      String bootstrap, String applicationId) {
    return QueryApiApplication.application()
        .run(
            "--server.port=0",
            "--spring.main.banner-mode=off",
            "--signalyard.kafka.bootstrap-servers=" + bootstrap,
            "--signalyard.query.stores.enabled=true",
            "--signalyard.query.stores.application-id=" + applicationId,
            "--signalyard.query.stores.advertised-host=127.0.0.1",
            "--signalyard.query.stores.internal-token=benchmark",
            // Every client and every forwarded lookup comes from 127.0.0.1: one bucket.
            "--signalyard.query.rate-limit.enabled=false",
            "--logging.level.org.apache.kafka=WARN");
  }

  private static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  private static List<String> publish(String bootstrap, int devices) throws Exception {
    AvroSerde<DeviceState> serde = AvroSerde.of(DeviceState.class);
    List<String> imeis = new ArrayList<>();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
            new StringSerializer(),
            new ByteArraySerializer())) {
      for (int d = 0; d < devices; d++) {
        String imei = "30024401" + String.format("%07d", d);
        imeis.add(imei);
        DeviceState state =
            DeviceState.newBuilder()
                .setImei(imei)
                .setDeviceType("ROCKBLOCK")
                .setPosition(
                    Position.newBuilder()
                        .setLatitude(55.6 + d * 0.0001)
                        .setLongitude(12.5)
                        .setSource(PositionSource.GPS)
                        .setFixTime(T0)
                        .build())
                .setMomsn(d % 65_536)
                .setPayloadType("PK001")
                .setLastSeen(T0)
                .setLastReceivedAt(T0)
                .setMessageCount(1)
                .setOnline(true)
                .build();
        producer.send(
            new ProducerRecord<>(TopicCatalog.DEVICE_STATE.name(), imei, serde.encode(state)));
      }
      producer.flush();
    }
    return imeis;
  }

  private static void awaitStoreAnswers(HttpClient http, String base, List<String> imeis)
      throws Exception {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    int next = 0;
    while (next < imeis.size()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("The replicas did not answer every key from the store");
      }
      HttpResponse<Void> response = get(http, base, imeis.get(next));
      String path = response.headers().firstValue(SERVED_BY).orElse("");
      if (response.statusCode() == 200
          && (path.startsWith("local") || path.startsWith("forwarded"))) {
        next++;
      } else {
        Thread.sleep(50);
      }
    }
  }

  private static Map<String, Latencies> load(
      HttpClient http, String base, List<String> imeis, int clients, int seconds)
      throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    List<Map<String, Latencies>> perThread = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      Map<String, Latencies> mine = new HashMap<>();
      perThread.add(mine);
      Thread thread =
          new Thread(
              () -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < end) {
                  String imei = imeis.get(random.nextInt(imeis.size()));
                  long start = System.nanoTime();
                  String path;
                  boolean ok;
                  try {
                    HttpResponse<Void> response = get(http, base, imei);
                    path = response.headers().firstValue(SERVED_BY).orElse("none").split(" ")[0];
                    ok = response.statusCode() == 200;
                  } catch (IOException | InterruptedException e) {
                    path = "error";
                    ok = false;
                  }
                  long micros = (System.nanoTime() - start) / 1_000;
                  mine.computeIfAbsent(path, p -> new Latencies()).add(micros, ok);
                }
              },
              "key-lookup-client-" + c);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    Map<String, Latencies> merged = new HashMap<>();
    perThread.forEach(
        mine ->
            mine.forEach(
                (path, l) -> merged.computeIfAbsent(path, p -> new Latencies()).addAll(l)));
    return merged;
  }

  private static HttpResponse<Void> get(HttpClient http, String base, String imei)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/api/devices/" + imei))
            .timeout(Duration.ofSeconds(10))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding());
  }

  private static void print(Map<String, Latencies> measured, int seconds) {
    System.out.printf(
        "%-10s %9s %9s %9s %9s %9s %9s %7s%n",
        "path", "requests", "req/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "non-200");
    measured.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            entry -> {
              Latencies l = entry.getValue();
              System.out.printf(
                  "%-10s %9d %9.0f %9.2f %9.2f %9.2f %9.2f %7d%n",
                  entry.getKey(),
                  l.count,
                  l.count / (double) seconds,
                  l.percentile(50),
                  l.percentile(99),
                  l.percentile(99.9),
                  l.percentile(100),
                  l.failures);
            });
  }

  private static void progress(String message) {
    System.out.println("[key-lookup] " + message);
  }

  /** Latencies of one path, in microseconds; one thread writes, merged after the threads end. */
  private static final class Latencies {
    private long[] micros = new long[1 << 14];
    private int count;
    private int failures;

    void add(long value, boolean ok) {
      if (count == micros.length) {
        micros = Arrays.copyOf(micros, count * 2);
      }
      micros[count++] = value;
      if (!ok) {
        failures++;
      }
    }

    void addAll(Latencies other) {
      for (int i = 0; i < other.count; i++) {
        add(other.micros[i], true);
      }
      failures += other.failures;
    }

    /** The {@code p}th percentile in milliseconds (nearest rank). */
    double percentile(double p) {
      if (count == 0) {
        return Double.NaN;
      }
      long[] sorted = Arrays.copyOf(micros, count);
      Arrays.sort(sorted);
      int rank = (int) Math.ceil(p / 100.0 * count);
      return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1_000.0;
    }
  }
}
