package dev.signalyard.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.signalyard.queryapi.QueryApiApplication;
import dev.signalyard.schemas.fleet.Roundtrip;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import dev.signalyard.streams.StreamsApplication;
import dev.signalyard.testsupport.KafkaTestBroker;
import dev.signalyard.testsupport.PostgresTestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Fleet simulations end to end over a real broker and PostgreSQL, streams and query-api each in its
 * own Spring context as in production:
 *
 * <ol>
 *   <li>a location and three vehicles are created through {@code /api/fleet} (PostgreSQL, outbox,
 *       reference topics): two petrol cars at the location and an EV test vehicle;
 *   <li>two weeks of daily trips of both cars are uploaded as CSV to {@code POST /api/fleet/trips};
 *       the streams fleet topology (lateness bound 1 h instead of 48 h, aggregation on every trip)
 *       makes them roundtrips on {@code fleet-roundtrips};
 *   <li>a manual simulation (both cars' trips on the EV alone) is posted, followed on its SSE
 *       stream to the result, whose km add up: allocated + unallocated = the roundtrips' km;
 *   <li>a goal seek over the same period ends DONE with proposed fleets priced against today's.
 * </ol>
 */
class FleetSimulationEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(40);
  private static final ParameterizedTypeReference<Map<String, Object>> JSON =
      new ParameterizedTypeReference<>() {};
  private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> EVENT =
      new ParameterizedTypeReference<>() {};

  /** Two weeks ending a week ago: well inside keep_data, and final by the time of the test. */
  private static final LocalDate FIRST_DAY = LocalDate.now(ZoneOffset.UTC).minusDays(21);

  private static final int DAYS = 14;
  private static final double HOME_LATITUDE = 55.675940;
  private static final double HOME_LONGITUDE = 12.565530;

  private static final List<ConfigurableApplicationContext> services = new ArrayList<>();
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static WebClient queryApi;

  @TempDir static Path stateDir;

  private static long location;
  private static long petrolCarA;
  private static long petrolCarB;
  private static long electricCar;

  @BeforeAll
  static void startServices() {
    String kafka =
        "--signalyard.kafka.bootstrap-servers=" + KafkaTestBroker.shared().bootstrapServers();
    start(
        StreamsApplication.application(),
        kafka,
        "--signalyard.streams.application-id=fleet-simulation-" + RUN,
        "--signalyard.streams.state-dir=" + stateDir,
        "--signalyard.streams.close-timeout=10s",
        // A roundtrip is final once the next day's first trip arrives, instead of 48 h later.
        "--signalyard.streams.fleet.lateness=1h",
        "--signalyard.streams.fleet.aggregation-interval=0s",
        "--signalyard.streams.fleet.reference-refresh=200ms",
        "--signalyard.streams.simulation.progress-interval=200ms");
    PostgresTestServer postgres = PostgresTestServer.shared();
    String database = postgres.createDatabase("fleet_simulation_e2e");
    int port =
        start(
            QueryApiApplication.application(),
            kafka,
            "--signalyard.fleet.database.url=" + postgres.r2dbcUrl(database),
            "--signalyard.fleet.database.username=" + postgres.username(),
            "--signalyard.fleet.database.password=" + postgres.password(),
            "--signalyard.fleet.outbox.poll-interval=100ms");
    queryApi =
        WebClient.builder()
            .baseUrl("http://127.0.0.1:" + port)
            .codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
            .build();
  }

  @AfterAll
  static void stopServices() {
    for (int i = services.size() - 1; i >= 0; i--) {
      services.get(i).close();
    }
  }

  @Test
  void roundtripsFromUploadedTripsAreSimulatedAndGoalSought() throws Exception {
    createReferenceData();
    List<Roundtrip> roundtrips = uploadTripsUntilRoundtripsExist();
    double roundtripKm = roundtrips.stream().mapToDouble(Roundtrip::getDistanceKm).sum();

    // The same roundtrips, summed per vehicle and day by streams, reach the statistics.
    Map<String, Object> sum = awaitStatisticsSum(roundtrips.size());
    assertThat(number(sum.get("km"))).isCloseTo(roundtripKm, within(1e-6));
    assertThat(sum.get("activeVehicles")).isEqualTo(2);

    Map<String, Object> simulation =
        runToTheEnd(
            "simulations",
            Map.of(
                "from",
                FIRST_DAY.toString(),
                "to",
                FIRST_DAY.plusDays(DAYS - 1).toString(),
                "locationIds",
                List.of(location),
                "simulatedFleet",
                List.of(Map.of("vehicleId", electricCar, "count", 1)),
                "settings",
                Map.of("time_zone", "UTC")));

    assertThat(simulation.get("status")).isEqualTo("DONE");
    Map<String, Object> outcome = object(simulation.get("result"));
    assertThat(outcome.get("numberOfTrips")).isEqualTo(roundtrips.size());
    Map<String, Object> current = object(outcome.get("current"));
    Map<String, Object> simulated = object(outcome.get("simulated"));
    // Both cars drive at the same time of day: the one EV cannot take every trip.
    assertThat(number(outcome.get("unallocated"))).isPositive();
    assertThat(number(simulated.get("unallocatedKm"))).isPositive();
    assertThat(number(simulated.get("allocatedKm")) + number(simulated.get("unallocatedKm")))
        .isCloseTo(roundtripKm, within(1e-6));
    assertThat(number(current.get("allocatedKm")) + number(current.get("unallocatedKm")))
        .isCloseTo(roundtripKm, within(1e-6));

    Map<String, Object> goalSeek =
        runToTheEnd(
            "goal-seeks",
            Map.of(
                "from",
                FIRST_DAY.toString(),
                "to",
                FIRST_DAY.plusDays(DAYS - 1).toString(),
                "locationIds",
                List.of(location),
                "testVehicleIds",
                List.of(electricCar),
                "prioritisation",
                5,
                "settings",
                Map.of("time_zone", "UTC")));

    assertThat(goalSeek.get("status")).as("goal seek: %s", goalSeek.get("error")).isEqualTo("DONE");
    Map<String, Object> proposal = object(goalSeek.get("result"));
    assertThat(proposal.get("numberOfTrips")).isEqualTo(roundtrips.size());
    List<Map<String, Object>> solutions = objects(proposal.get("solutions"));
    assertThat(solutions).isNotEmpty().hasSizeLessThanOrEqualTo(5);
    for (Map<String, Object> solution : solutions) {
      assertThat(number(solution.get("currentExpense"))).isPositive();
      assertThat(number(solution.get("simulatedExpense"))).isPositive();
      assertThat(number(solution.get("currentCo2eTonnes"))).isPositive();
      assertThat(objects(solution.get("vehicles"))).isNotEmpty();
    }
  }

  private static void createReferenceData() {
    location =
        id(
            post(
                "/api/fleet/locations",
                Map.of(
                    "address",
                    "Rådhuspladsen 1, København " + RUN,
                    "latitude",
                    HOME_LATITUDE,
                    "longitude",
                    HOME_LONGITUDE)));
    petrolCarA = id(post("/api/fleet/vehicles", petrolCar("AB 11 " + RUN.substring(0, 3))));
    petrolCarB = id(post("/api/fleet/vehicles", petrolCar("AB 22 " + RUN.substring(0, 3))));
    Map<String, Object> ev = new HashMap<>();
    ev.put("plate", "EV 33 " + RUN.substring(0, 3));
    ev.put("make", "Renault");
    ev.put("model", "Zoe");
    ev.put("typeId", 3);
    ev.put("fuelId", 3);
    ev.put("wltpEl", 150.0);
    ev.put("rangeKm", 300.0);
    ev.put("omkostningAar", 25_000.0);
    ev.put("locationId", location);
    ev.put("testVehicle", true);
    electricCar = id(post("/api/fleet/vehicles", ev));
  }

  private static Map<String, Object> petrolCar(String plate) {
    return Map.of(
        "plate",
        plate,
        "make",
        "Toyota",
        "model",
        "Yaris",
        "typeId",
        4,
        "fuelId",
        1,
        "wltpFossil",
        20.0,
        "omkostningAar",
        30_000.0,
        "locationId",
        location);
  }

  /**
   * Car A leaves home at 07:00 and is back at 16:00 (2 × 25 km), car B from 09:00 to 14:00 (2 × 15
   * km), every day of the two weeks, UTC.
   */
  private static String tripsCsv() {
    StringBuilder csv =
        new StringBuilder(
            "vehicleId,tripId,startTime,endTime,startLatitude,startLongitude,endLatitude,"
                + "endLongitude,distanceKm\n");
    for (int day = 0; day < DAYS; day++) {
      LocalDate date = FIRST_DAY.plusDays(day);
      roundtrip(csv, petrolCarA, date, 7, 16, 55.704120, 12.553300, 25.0);
      roundtrip(csv, petrolCarB, date, 9, 14, 55.669210, 12.497100, 15.0);
    }
    return csv.toString();
  }

  private static void roundtrip(
      StringBuilder csv,
      long vehicle,
      LocalDate date,
      int leaveHour,
      int backHour,
      double siteLatitude,
      double siteLongitude,
      double legKm) {
    Instant leave = date.atTime(leaveHour, 0).toInstant(ZoneOffset.UTC);
    Instant back = date.atTime(backHour, 0).toInstant(ZoneOffset.UTC);
    String out = RUN + "-" + vehicle + "-" + date + "-out";
    String in = RUN + "-" + vehicle + "-" + date + "-in";
    csv.append(
        "%d,%s,%s,%s,%f,%f,%f,%f,%.1f%n"
            .formatted(
                vehicle,
                out,
                leave,
                leave.plusSeconds(2400),
                HOME_LATITUDE,
                HOME_LONGITUDE,
                siteLatitude,
                siteLongitude,
                legKm));
    csv.append(
        "%d,%s,%s,%s,%f,%f,%f,%f,%.1f%n"
            .formatted(
                vehicle,
                in,
                back.minusSeconds(2400),
                back,
                siteLatitude,
                siteLongitude,
                HOME_LATITUDE,
                HOME_LONGITUDE,
                legKm));
  }

  /**
   * Uploads the trips and waits for the roundtrips of every day but the last (which stays open: no
   * later trip makes it final). The location reaches the stream tasks through the outbox, the
   * reference topic and a global store; trips aggregated before it arrived find no home, so the
   * upload is repeated (it is idempotent: a trip is identified by vehicle and trip id) until the
   * roundtrips appear.
   */
  private static List<Roundtrip> uploadTripsUntilRoundtripsExist() throws InterruptedException {
    String csv = tripsCsv();
    int expected = 2 * (DAYS - 1);
    AvroSerde<Roundtrip> serde = AvroSerde.of(Roundtrip.class);
    Map<String, Roundtrip> live = new HashMap<>();
    Set<String> vehicles = Set.of(Long.toString(petrolCarA), Long.toString(petrolCarB));
    try (KafkaConsumer<String, byte[]> consumer = roundtripConsumer()) {
      consumer.subscribe(List.of(TopicCatalog.FLEET_ROUNDTRIPS.name()));
      long deadline = System.nanoTime() + WAIT.toNanos();
      long nextUpload = 0;
      while (live.size() < expected && System.nanoTime() < deadline) {
        if (System.nanoTime() >= nextUpload) {
          Map<String, Object> answer =
              queryApi
                  .post()
                  .uri("/api/fleet/trips")
                  .contentType(MediaType.parseMediaType("text/csv"))
                  .bodyValue(csv)
                  .retrieve()
                  .bodyToMono(JSON)
                  .block(WAIT);
          assertThat(answer).containsEntry("trips", 4 * DAYS).containsEntry("vehicles", 2);
          nextUpload = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (!vehicles.contains(record.key())) {
            continue;
          }
          Roundtrip roundtrip = serde.decode(record.value());
          if (roundtrip.getDeleted()) {
            live.remove(roundtrip.getId());
          } else {
            live.put(roundtrip.getId(), roundtrip);
          }
        }
      }
    }
    assertThat(live).as("roundtrips of both cars").hasSize(expected);
    return new ArrayList<>(live.values());
  }

  private static KafkaConsumer<String, byte[]> roundtripConsumer() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            KafkaTestBroker.shared().bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "fleet-simulation-e2e-" + RUN,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed"),
        new StringDeserializer(),
        new ByteArrayDeserializer());
  }

  /**
   * Posts a run, follows its SSE stream to the {@code result} event and answers that run document.
   */
  private static Map<String, Object> runToTheEnd(String runs, Map<String, Object> request) {
    Map<String, Object> accepted = post("/api/fleet/" + runs, request);
    assertThat(accepted).containsEntry("status", "QUEUED");
    String id = (String) accepted.get("id");
    List<ServerSentEvent<Map<String, Object>>> events =
        queryApi
            .get()
            .uri("/api/fleet/" + runs + "/" + id + "/stream")
            .accept(MediaType.TEXT_EVENT_STREAM)
            .retrieve()
            .bodyToFlux(EVENT)
            .filter(e -> e.event() != null)
            .takeUntil(e -> "result".equals(e.event()))
            .collectList()
            .block(WAIT);
    assertThat(events).isNotEmpty();
    assertThat(events.subList(0, events.size() - 1))
        .allSatisfy(e -> assertThat(e.event()).isEqualTo("progress"));
    ServerSentEvent<Map<String, Object>> last = events.get(events.size() - 1);
    assertThat(last.event()).isEqualTo("result");
    return last.data();
  }

  /** GET /api/fleet/statistics/sum of the location, once it counts {@code roundtrips}. */
  private static Map<String, Object> awaitStatisticsSum(int roundtrips)
      throws InterruptedException {
    String uri =
        "/api/fleet/statistics/sum?locations="
            + location
            + "&from="
            + FIRST_DAY
            + "&to="
            + FIRST_DAY.plusDays(DAYS - 1);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      Map<String, Object> sum = queryApi.get().uri(uri).retrieve().bodyToMono(JSON).block(WAIT);
      if (sum != null && number(sum.get("roundtrips")) == roundtrips) {
        return sum;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("statistics never counted " + roundtrips + " roundtrips: " + sum);
      }
      Thread.sleep(200);
    }
  }

  private static Map<String, Object> post(String uri, Map<String, Object> body) {
    return queryApi
        .post()
        .uri(uri)
        .bodyValue(body)
        .exchangeToMono(
            response -> {
              assertThat(response.statusCode().is2xxSuccessful())
                  .as("POST %s answered %s", uri, response.statusCode())
                  .isTrue();
              return response.bodyToMono(JSON);
            })
        .block(WAIT);
  }

  private static long id(Map<String, Object> created) {
    return ((Number) created.get("id")).longValue();
  }

  private static double number(Object value) {
    return ((Number) value).doubleValue();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> objects(Object value) {
    return (List<Map<String, Object>>) value;
  }

  private static int start(SpringApplication application, String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--server.port=0";
    all[args.length + 1] = "--spring.main.banner-mode=off";
    ConfigurableApplicationContext context = application.run(all);
    services.add(context);
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }
}
