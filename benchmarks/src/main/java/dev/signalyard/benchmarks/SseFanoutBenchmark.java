package dev.signalyard.benchmarks;

import dev.signalyard.queryapi.QueryApiApplication;
import dev.signalyard.schemas.devices.DeviceState;
import dev.signalyard.schemas.devices.Position;
import dev.signalyard.schemas.devices.PositionSource;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import dev.signalyard.testsupport.KafkaBrokerProcess;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * SSE fan-out benchmark: N concurrent clients on one query-api node, each streaming every device's
 * state ({@code GET /api/devices/stream}), while a producer writes E device-state changes per
 * second to the real broker.
 *
 * <p>In one run it starts a single-node KRaft broker in its own JVM ({@link KafkaBrokerProcess}),
 * the query-api application in this JVM (run it with {@code -Xmx1g}: the heap target), and the
 * clients in a third JVM ({@link SseFanoutClients}, same class path). The producer stamps each
 * change's {@code lastReceivedAt} with its send time; the clients measure delivery delay against it
 * (same machine clock). It prints events in per second, deliveries per second, delivery p50 / p99 /
 * p99.9 / max, errors, and the server heap: the largest heap in use after a collection during the
 * run, and after a full collection at the end.
 *
 * <p>With {@code --connections C} (C > 0) the server speaks HTTP/2 on its plain port (h2c) and the
 * clients multiplex their streams over at most C connections: one file descriptor per connection
 * instead of per client, on both sides, which is how more clients than the per-process open-file
 * limit fit on one node (a proxy in front does the same). Without it each client has its own
 * HTTP/1.1 connection.
 *
 * <p>Run it with {@code benchmarks/run-sse-benchmark.sh [--clients 2000] [--rate 10] [--devices 10]
 * [--ramp 20] [--settle 10] [--duration 30] [--connections 0]} (seconds); see {@code
 * docs/benchmarks.md}.
 */
public final class SseFanoutBenchmark {

  private static final Instant T0 = Instant.parse("2026-11-22T00:00:00Z");

  private SseFanoutBenchmark() {}

  private static final Map<String, Integer> DEFAULTS = defaults();

  private static Map<String, Integer> defaults() {
    Map<String, Integer> defaults = new LinkedHashMap<>();
    defaults.put("clients", 2000);
    defaults.put("rate", 10);
    defaults.put("devices", 10);
    defaults.put("ramp", 20);
    defaults.put("settle", 10);
    defaults.put("duration", 30);
    defaults.put("connections", 0);
    return defaults;
  }

  public static void main(String[] args) {
    BenchmarkProgram.main(
        args,
        a -> OptionValues.integers(a, DEFAULTS),
        "Usage: SseFanoutBenchmark [--clients 2000] [--rate 10] [--devices 10] [--ramp 20] [--settle 10] [--duration 30] [--connections 0]",
        options ->
            run(
                options.get("clients"),
                options.get("rate"),
                options.get("devices"),
                options.get("ramp"),
                options.get("settle"),
                options.get("duration"),
                options.get("connections")));
  }

  private static int run(
      int clients, int rate, int devices, int ramp, int settle, int duration, int connections)
      throws Exception {
    try (KafkaBrokerProcess broker = KafkaBrokerProcess.start();
        ConfigurableApplicationContext api =
            startQueryApi(broker.bootstrapServers(), clients, connections);
        KafkaProducer<String, byte[]> producer = producer(broker.bootstrapServers())) {
      int port = ((WebServerApplicationContext) api).getWebServer().getPort();
      // One state per device before the clients connect: each client's snapshot.
      for (int d = 0; d < devices; d++) {
        producer.send(record(d, 0, T0)).get();
      }
      // Measured from `settle` seconds after the last client opened its stream: the steady state,
      // not the catching up after every client's snapshot.
      long measureFrom = System.currentTimeMillis() + (ramp + settle) * 1000L;
      progress(
          "Opening "
              + clients
              + " streams over "
              + ramp
              + " s (measured from "
              + settle
              + " s after)"
              + (connections > 0
                  ? " over at most " + connections + " HTTP/2 (h2c) connections"
                  : " (HTTP/1.1, a connection each)")
              + ", then "
              + rate
              + " changes/s for "
              + duration
              + " s");
      Process client =
          startClients(
              "http://127.0.0.1:" + port + "/api/devices/stream",
              clients,
              ramp,
              measureFrom,
              duration,
              connections);
      AtomicReference<String> result = new AtomicReference<>();
      Thread reader = readLines(client, result);

      ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
      AtomicLong sent = new AtomicLong();
      AtomicLong sentInWindow = new AtomicLong();
      long periodMicros = 1_000_000L / Math.max(1, rate);
      ticker.scheduleAtFixedRate(
          () -> {
            long n = sent.incrementAndGet();
            Instant now = Instant.now();
            if (now.toEpochMilli() >= measureFrom) {
              sentInWindow.incrementAndGet();
            }
            producer.send(record((int) (n % devices), (int) (n % 65_536), now));
          },
          0,
          periodMicros,
          TimeUnit.MICROSECONDS);
      HeapWatch heap = new HeapWatch();
      ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
      watcher.scheduleAtFixedRate(heap::sample, 1, 1, TimeUnit.SECONDS);

      boolean ended = client.waitFor(ramp + settle + duration + 120L, TimeUnit.SECONDS);
      ticker.shutdownNow();
      watcher.shutdownNow();
      reader.join(5000);
      if (!ended) {
        client.destroyForcibly();
      }
      System.gc();
      long heapAfterFullGc = heap.usedNow();
      report(
          clients,
          connections,
          duration,
          sentInWindow.get(),
          result.get(),
          heap.peak(),
          heapAfterFullGc);
      progress("Shutting down");
      return result.get() == null ? 1 : 0;
    }
  }

  private static void report(
      int clients,
      int connections,
      int duration,
      long sent,
      String result,
      long peakAfterGc,
      long afterFullGc) {
    System.out.println();
    System.out.println(
        "SSE fan-out, "
            + clients
            + " clients, "
            + (connections > 0 ? "HTTP/2 over at most " + connections + " connections" : "HTTP/1.1")
            + ", "
            + duration
            + " s measured");
    System.out.printf("  events in           %8.1f /s%n", sent / (double) duration);
    if (result == null) {
      System.out.println("  FAIL: the client process gave no result");
    } else {
      Map<String, String> r = fields(result);
      long delivered = Long.parseLong(r.get("delivered"));
      System.out.printf("  deliveries          %8.1f /s%n", delivered / (double) duration);
      System.out.printf(
          "  expected deliveries %8.1f /s (events in x connected clients)%n",
          sent / (double) duration * Long.parseLong(r.get("connected")));
      System.out.println("  connected at end    " + r.get("connected"));
      System.out.println(
          "  delivery ms         p50 "
              + r.get("p50")
              + "  p99 "
              + r.get("p99")
              + "  p99.9 "
              + r.get("p999")
              + "  max "
              + r.get("max"));
      System.out.println("  client errors       " + r.get("errors"));
      System.out.println(
          "  resyncs             "
              + r.get("resyncs")
              + " (streams dropped for falling behind; each reopened "
              + SseFanoutClients.RECONNECT_DELAY.toSeconds()
              + " s later)");
    }
    System.out.printf("  server heap after GC, peak during run  %6d MiB%n", peakAfterGc >> 20);
    System.out.printf("  server heap after full GC at end       %6d MiB%n", afterFullGc >> 20);
    System.out.printf(
        "  server max heap (-Xmx)                 %6d MiB%n",
        Runtime.getRuntime().maxMemory() >> 20);
  }

  private static Map<String, String> fields(String line) {
    Map<String, String> fields = new HashMap<>();
    for (String part : line.split(" ")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        fields.put(part.substring(0, eq), part.substring(eq + 1));
      }
    }
    return fields;
  }

  private static ConfigurableApplicationContext startQueryApi(
      String bootstrap, int clients, int connections) {
    // With HTTP/2 every stream must find room on one of the client's connections.
    int perConnection = connections > 0 ? (clients + connections - 1) / connections + 16 : 256;
    return QueryApiApplication.application()
        .run(
            "--server.port=0",
            "--server.http2.enabled=" + (connections > 0),
            "--signalyard.query.live.http2-max-concurrent-streams=" + perConnection,
            "--spring.main.banner-mode=off",
            "--signalyard.kafka.bootstrap-servers=" + bootstrap,
            // Every client connects from 127.0.0.1: one principal for the limits.
            "--signalyard.query.rate-limit.enabled=false",
            "--signalyard.query.live.max-streams-per-principal=" + (clients + 100),
            "--logging.level.org.apache.kafka=WARN");
  }

  private static KafkaProducer<String, byte[]> producer(String bootstrap) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 0),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  private static ProducerRecord<String, byte[]> record(int device, int momsn, Instant sentAt) {
    String imei = "30023401" + String.format("%07d", device);
    DeviceState state =
        DeviceState.newBuilder()
            .setImei(imei)
            .setDeviceType("ROCKBLOCK")
            .setPosition(
                Position.newBuilder()
                    .setLatitude(55.6 + device * 0.001)
                    .setLongitude(12.5)
                    .setSource(PositionSource.GPS)
                    .setFixTime(sentAt)
                    .build())
            .setMomsn(momsn)
            .setPayloadType("PK001")
            .setBatteryVolts(3.7)
            .setLastSeen(sentAt)
            .setLastReceivedAt(sentAt)
            .setMessageCount(momsn)
            .setOnline(true)
            .build();
    return new ProducerRecord<>(
        TopicCatalog.DEVICE_STATE.name(), imei, AvroSerde.of(DeviceState.class).encode(state));
  }

  private static Process startClients(
      String url, int clients, int ramp, long measureFrom, int duration, int connections)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-Xmx2g");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(SseFanoutClients.class.getName());
    command.add(url);
    command.add(Integer.toString(clients));
    command.add(Integer.toString(ramp));
    command.add(Long.toString(measureFrom));
    command.add(Integer.toString(duration));
    command.add(Integer.toString(connections));
    File log = Files.createTempFile("sse-clients", ".err").toFile();
    return new ProcessBuilder(command).redirectError(log).start();
  }

  private static Thread readLines(Process client, AtomicReference<String> result) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  if (line.startsWith("RESULT")) {
                    result.set(line);
                  }
                  System.out.println("  clients: " + line);
                }
              } catch (Exception e) {
                e.printStackTrace();
              }
            },
            "sse-client-output");
    reader.setDaemon(true);
    reader.start();
    return reader;
  }

  /** Heap in use after the collections of this JVM: the largest seen, and now. */
  private static final class HeapWatch {
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();

    /** Called every second; every 30 s it also prints the heap after GC, to show a plateau. */
    void sample() {
      long afterGc = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        MemoryUsage usage = pool.getCollectionUsage();
        if (pool.getType() == MemoryType.HEAP && usage != null) {
          afterGc += usage.getUsed();
        }
      }
      peak.accumulateAndGet(afterGc, Math::max);
      if (samples.incrementAndGet() % 30 == 0) {
        System.out.printf("  server heap after GC %6d MiB%n", afterGc >> 20);
      }
    }

    long peak() {
      return peak.get();
    }

    long usedNow() {
      return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
  }

  private static void progress(String message) {
    System.out.println("==> " + message);
  }
}
