package dev.signalyard.benchmarks;

import dev.signalyard.platform.kafka.SignalyardKafkaProperties;
import dev.signalyard.platform.kafka.TopicProvisioner;
import dev.signalyard.queryapi.QueryApiApplication;
import dev.signalyard.schemas.fleet.AggregationType;
import dev.signalyard.schemas.fleet.FleetDailyUsage;
import dev.signalyard.schemas.fleet.FleetLocation;
import dev.signalyard.schemas.fleet.FleetVehicle;
import dev.signalyard.schemas.fleet.Roundtrip;
import dev.signalyard.schemas.fleet.RoundtripSegment;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import dev.signalyard.testsupport.KafkaBrokerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Latency of the fleet statistics queries over HTTP: a real Kafka broker process, query-api in this
 * JVM, {@code --vehicles} vehicles at {@code --locations} locations with {@code --days} days of
 * daily usage (every vehicle drives on about 70 % of the days) and two roundtrips a driven day (one
 * of two segments), all produced to fleet-vehicles, fleet-locations, fleet-daily-usage and
 * fleet-roundtrips. Once query-api has read everything, each statistics query is sent {@code
 * --requests} times one after another (after {@code --warmup} unmeasured ones) and its p50, p99 and
 * max are printed against the target p99 &le; 50 ms.
 *
 * <p>Run it with {@code benchmarks/run-fleet-statistics-benchmark.sh [--vehicles 500] [--days 365]
 * [--locations 20] [--requests 2000] [--warmup 300]}; smoke run: {@code --vehicles 50 --days 30
 * --requests 100 --warmup 20}. Exit status 0 when every p99 meets the target, 3 when one misses it,
 * 1 when the run failed. See docs/fleet.md.
 */
public final class FleetStatisticsBenchmark {

  static final double TARGET_P99_MS = 50;
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
  private static final Instant UPDATED = Instant.parse("2026-01-01T00:00:00Z");

  private FleetStatisticsBenchmark() {}

  private static final Map<String, Integer> DEFAULTS = defaults();

  private static Map<String, Integer> defaults() {
    Map<String, Integer> defaults = new LinkedHashMap<>();
    defaults.put("vehicles", 500);
    defaults.put("days", 365);
    defaults.put("locations", 20);
    defaults.put("requests", 2000);
    defaults.put("warmup", 300);
    return defaults;
  }

  public static void main(String[] args) {
    BenchmarkProgram.main(
        args,
        a -> OptionValues.integers(a, DEFAULTS),
        "Usage: FleetStatisticsBenchmark [--vehicles 500] [--days 365] [--locations 20] [--requests 2000] [--warmup 300]",
        options -> run(options));
  }

  private static int run(Map<String, Integer> o) throws Exception {
    int days = o.get("days");
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LocalDate first = today.minusDays(days - 1L);
    try (KafkaBrokerProcess broker = KafkaBrokerProcess.start()) {
      // The topics exist, with their leaders elected, before anything is produced: a producer that
      // raced the provisioning would have its topics auto-created with other settings.
      new TopicProvisioner(
              new SignalyardKafkaProperties(
                  broker.bootstrapServers(), Map.of(), true, (short) 1, 0, 0))
          .createMissingTopics(ADMIN_TIMEOUT);
      awaitLeaders(broker.bootstrapServers());
      try (ConfigurableApplicationContext api = startQueryApi(broker.bootstrapServers())) {
        return measureAll(o, broker, api, first, today);
      }
    }
  }

  private static int measureAll(
      Map<String, Integer> o,
      KafkaBrokerProcess broker,
      ConfigurableApplicationContext api,
      LocalDate first,
      LocalDate today)
      throws Exception {
    int vehicles = o.get("vehicles");
    int days = o.get("days");
    int locations = o.get("locations");
    int port = ((WebServerApplicationContext) api).getWebServer().getPort();
    long started = System.nanoTime();
    double km = load(broker.bootstrapServers(), vehicles, locations, first, days);
    progress(
        String.format(
            "Produced %d vehicles x %d days (%.0f km) in %.1f s; waiting for query-api",
            vehicles, days, km, (System.nanoTime() - started) / 1e9));
    String base = "http://127.0.0.1:" + port;
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    awaitLoaded(http, base, first, today, km);
    progress(
        String.format(
            "query-api has read everything after %.1f s", (System.nanoTime() - started) / 1e9));

    String year = "from=" + first + "&to=" + today;
    Map<String, String> queries = new LinkedHashMap<>();
    queries.put("sum (30 days)", "/api/fleet/statistics/sum");
    queries.put("sum (whole period)", "/api/fleet/statistics/sum?" + year);
    queries.put("overview emission (30 d, daily)", "/api/fleet/statistics/overview?view=emission");
    queries.put(
        "overview driven (period, monthly)",
        "/api/fleet/statistics/overview?view=driven&interval=month&" + year);
    queries.put(
        "overview share (period, weekly)",
        "/api/fleet/statistics/overview?view=share&interval=week&" + year);
    queries.put(
        "driving-data day (30 d, 1 location)", "/api/fleet/statistics/driving-data?locations=1");
    queries.put(
        "driving-data hour (7 d, 1 location)",
        "/api/fleet/statistics/driving-data?bucket=hour&locations=1&from=" + today.minusDays(6));
    queries.put("availability (30 d)", "/api/fleet/statistics/availability");
    queries.put("kpis (30 d + previous)", "/api/fleet/statistics/kpis");
    queries.put("locations/usage (30 d)", "/api/fleet/statistics/locations/usage");
    queries.put("locations/activity (30 d)", "/api/fleet/statistics/locations/activity");
    queries.put("locations/precision (last month)", "/api/fleet/locations/precision");

    boolean met = true;
    System.out.println();
    System.out.printf(
        "Fleet statistics, %d vehicles x %d days, %d locations; %d requests per query (after %d"
            + " warm-up), one at a time%n",
        vehicles, days, locations, o.get("requests"), o.get("warmup"));
    System.out.printf("  %-38s %8s %8s %8s %10s%n", "query", "p50 ms", "p99 ms", "max ms", "bytes");
    for (Map.Entry<String, String> query : queries.entrySet()) {
      double[] result = measure(http, base + query.getValue(), o.get("warmup"), o.get("requests"));
      boolean ok = result[1] <= TARGET_P99_MS;
      met &= ok;
      System.out.printf(
          "  %-38s %8.2f %8.2f %8.2f %10.0f %s%n",
          query.getKey(), result[0], result[1], result[2], result[3], ok ? "" : "MISSED");
    }
    System.out.println(
        met
            ? "  every p99 <= " + TARGET_P99_MS + " ms: target met"
            : "  some p99 > " + TARGET_P99_MS + " ms: target missed");
    progress("Shutting down");
    return met ? 0 : 3;
  }

  private static void awaitLeaders(String bootstrap) throws Exception {
    List<String> topics =
        List.of(
            TopicCatalog.FLEET_LOCATIONS.name(),
            TopicCatalog.FLEET_VEHICLES.name(),
            TopicCatalog.FLEET_DAILY_USAGE.name(),
            TopicCatalog.FLEET_ROUNDTRIPS.name());
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
          Thread.sleep(200);
        }
      }
    }
  }

  /** p50, p99, max (ms) and response size of {@code requests} sequential GETs. */
  private static double[] measure(HttpClient http, String uri, int warmup, int requests)
      throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(uri)).GET().build();
    long bytes = 0;
    for (int i = 0; i < warmup; i++) {
      send(http, request);
    }
    double[] millis = new double[requests];
    for (int i = 0; i < requests; i++) {
      long start = System.nanoTime();
      bytes = send(http, request);
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    return new double[] {
      percentile(millis, 0.50), percentile(millis, 0.99), millis[millis.length - 1], bytes
    };
  }

  private static long send(HttpClient http, HttpRequest request) throws Exception {
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          request.uri()
              + " answered "
              + response.statusCode()
              + ": "
              + new String(response.body()));
    }
    return response.body().length;
  }

  private static double percentile(double[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  /** Produces the reference data, daily usage and roundtrips; returns the total km. */
  private static double load(
      String bootstrap, int vehicles, int locations, LocalDate first, int days) throws Exception {
    AvroSerde<FleetLocation> locationSerde = AvroSerde.of(FleetLocation.class);
    AvroSerde<FleetVehicle> vehicleSerde = AvroSerde.of(FleetVehicle.class);
    AvroSerde<FleetDailyUsage> usageSerde = AvroSerde.of(FleetDailyUsage.class);
    AvroSerde<Roundtrip> roundtripSerde = AvroSerde.of(Roundtrip.class);
    SplittableRandom random = new SplittableRandom(42);
    double totalKm = 0;
    try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
      for (int l = 1; l <= locations; l++) {
        FleetLocation location =
            FleetLocation.newBuilder()
                .setId(l)
                .setAddress("Location " + l)
                .setLatitude(55.6 + l * 0.01)
                .setLongitude(12.5)
                .setUpdatedAt(UPDATED)
                .build();
        producer.send(
            new ProducerRecord<>(
                TopicCatalog.FLEET_LOCATIONS.name(),
                Long.toString(l),
                locationSerde.encode(location)));
      }
      for (int v = 1; v <= vehicles; v++) {
        long location = 1 + (v % locations);
        int type = v % 5 == 0 ? 3 : 4;
        int fuel = type == 3 ? 3 : 1 + (v % 2);
        FleetVehicle vehicle =
            FleetVehicle.newBuilder()
                .setId(v)
                .setPlate("BM " + v)
                .setTypeId(type)
                .setFuelId(fuel)
                .setLocationId(location)
                .setUpdatedAt(UPDATED)
                .build();
        producer.send(
            new ProducerRecord<>(
                TopicCatalog.FLEET_VEHICLES.name(),
                Long.toString(v),
                vehicleSerde.encode(vehicle)));
        for (int d = 0; d < days; d++) {
          if (random.nextInt(10) >= 7) {
            continue;
          }
          LocalDate date = first.plusDays(d);
          Instant morning = date.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(7 * 3600);
          double km1 = 5 + random.nextInt(40);
          double km2 = 2 + random.nextInt(20);
          long seconds = (long) ((km1 + km2) * 90);
          roundtrip(producer, roundtripSerde, v, location, morning, km1, AggregationType.COMPLETE);
          roundtrip(
              producer,
              roundtripSerde,
              v,
              location,
              morning.plusSeconds(6 * 3600),
              km2,
              random.nextInt(4) == 0 ? AggregationType.INBETWEEN : AggregationType.COMPLETE);
          FleetDailyUsage usage =
              FleetDailyUsage.newBuilder()
                  .setVehicleId(v)
                  .setLocationId(location)
                  .setDate(date)
                  .setKm(km1 + km2)
                  .setRoundtrips(2)
                  .setDrivingSeconds(seconds)
                  .setFuelId(fuel)
                  .setCo2eKg(type == 3 ? (km1 + km2) * 0.015 : (km1 + km2) * 0.12)
                  .build();
          producer.send(
              new ProducerRecord<>(
                  TopicCatalog.FLEET_DAILY_USAGE.name(), v + "|" + date, usageSerde.encode(usage)));
          totalKm += km1 + km2;
        }
      }
      producer.flush();
    }
    return totalKm;
  }

  private static void roundtrip(
      KafkaProducer<String, byte[]> producer,
      AvroSerde<Roundtrip> serde,
      long vehicle,
      long location,
      Instant start,
      double km,
      AggregationType type) {
    Instant middle = start.plusSeconds(1800);
    Instant end = start.plusSeconds(3 * 3600);
    List<RoundtripSegment> segments = new ArrayList<>();
    segments.add(
        new RoundtripSegment("a" + start.toEpochMilli(), km / 2, start, start.plusSeconds(900)));
    segments.add(new RoundtripSegment("b" + start.toEpochMilli(), km / 2, middle, end));
    Roundtrip roundtrip =
        Roundtrip.newBuilder()
            .setId(vehicle + "-" + start.toEpochMilli())
            .setVehicleId(vehicle)
            .setStartTime(start)
            .setEndTime(end)
            .setStartLatitude(55.6)
            .setStartLongitude(12.5)
            .setEndLatitude(55.6)
            .setEndLongitude(12.5)
            .setDistanceKm(km)
            .setAggregationType(type)
            .setStartLocationId(location)
            .setSegments(segments)
            .build();
    producer.send(
        new ProducerRecord<>(
            TopicCatalog.FLEET_ROUNDTRIPS.name(), Long.toString(vehicle), serde.encode(roundtrip)));
  }

  /** Waits until the whole period's km (so every usage row) and the last roundtrips are read. */
  private static void awaitLoaded(
      HttpClient http, String base, LocalDate first, LocalDate today, double km) throws Exception {
    HttpRequest sum =
        HttpRequest.newBuilder(
                URI.create(base + "/api/fleet/statistics/sum?from=" + first + "&to=" + today))
            .GET()
            .build();
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response = http.send(sum, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200 && kmOf(response.body()) >= km - 0.5) {
        return;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("query-api did not read every daily usage row in 10 minutes");
  }

  private static double kmOf(String json) {
    int at = json.indexOf("\"km\":");
    if (at < 0) {
      return 0;
    }
    int end = at + 5;
    while (end < json.length() && "0123456789.eE-".indexOf(json.charAt(end)) >= 0) {
      end++;
    }
    return Double.parseDouble(json.substring(at + 5, end));
  }

  private static ConfigurableApplicationContext startQueryApi(String bootstrap) {
    return QueryApiApplication.application()
        .run(
            "--server.port=0",
            "--spring.main.banner-mode=off",
            "--signalyard.kafka.bootstrap-servers=" + bootstrap,
            // One client at 127.0.0.1 sends every request: no rate limit.
            "--signalyard.query.rate-limit.enabled=false",
            "--logging.level.org.apache.kafka=WARN");
  }

  private static KafkaProducer<String, byte[]> producer(String bootstrap) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  private static void progress(String message) {
    System.out.println("[fleet-statistics] " + message);
  }
}
