package dev.signalyard.ingest.fleet;

import static dev.signalyard.ingest.fleet.FakeFleetSystem.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.signalyard.ingest.RawTopics;
import dev.signalyard.ingest.fleet.FakeFleetSystem.Answer;
import dev.signalyard.platform.kafka.SignalyardKafkaProperties;
import dev.signalyard.platform.kafka.TopicProvisioner;
import dev.signalyard.schemas.fleet.Trip;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import dev.signalyard.testsupport.KafkaTestBroker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The scheduler over the real broker against local stand-ins of the fleet systems: windows, trips
 * on fleet-trips, checkpoints on fleet-extractor-checkpoints, resumption after a restart, and
 * retries. Clocks are fixed so the windows are known; rounds are awaited, never timed.
 */
class TripExtractionTest {

  private static final AvroSerde<Trip> TRIPS = AvroSerde.of(Trip.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final DateTimeFormatter ECOFLEET =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx").withZone(ZoneOffset.UTC);

  private static SignalyardKafkaProperties kafka;

  private final FakeFleetSystem system = new FakeFleetSystem();
  private final FleetSystemClients clients =
      new FleetSystemClients(Duration.ofMillis(20), Duration.ofSeconds(2), 4);

  @BeforeAll
  static void topics() {
    kafka =
        new SignalyardKafkaProperties(
            KafkaTestBroker.shared().bootstrapServers(), null, true, (short) 1, 0, 0);
    new TopicProvisioner(kafka).createMissingTopics(Duration.ofSeconds(30));
  }

  @AfterEach
  void stop() {
    system.close();
  }

  @Test
  void storesEachWindowThenItsCheckpointAndResumesFromTheCheckpointAfterARestart() {
    system.route(this::ecofleet);
    FleetCompleteExtractor extractor =
        new FleetCompleteExtractor(
            system.url("/seeme"),
            List.of("ecofleet-kbh-3a9f51c2"),
            clients.http,
            Duration.ofDays(1),
            FleetSystemClients.RECEIVED);

    runOneRound(extractor, Instant.parse("2024-11-05T12:00:00Z"));

    // 40 days back from 12:00, up to 5 minutes before now: a 28-day window and the rest, each
    // asked for from one day earlier (the overlap).
    assertThat(tripRequests("20145"))
        .containsExactly(
            tuple("2024-09-25T12:00:00+0000", "2024-10-24T12:00:00+0000"),
            tuple("2024-10-23T12:00:00+0000", "2024-11-05T11:55:00+0000"));
    RawTopics.await(
        TopicCatalog.FLEET_TRIPS.name(),
        TRIPS,
        List.of(
            trip("20145", "70551190"),
            trip("20145", "70551201"),
            trip("20145", "70551202"),
            trip("20145", "70551203")));
    assertThat(clients.counter(ExtractorMetrics.TRIPS, "extractor", "FLEETCOMPLETE")).isEqualTo(4);
    assertThat(
            clients.counter(
                ExtractorMetrics.FAILURES, "extractor", "FLEETCOMPLETE", "status", "403"))
        .isEqualTo(1);
    assertThat(clients.registry.find(ExtractorMetrics.LAST_SUCCESS).gauge().value()).isPositive();
    ExtractorCheckpoints stored =
        ExtractorCheckpoints.load(kafka.clientConfig(), Duration.ofSeconds(30));
    assertThat(stored.fetchedUntil("FLEETCOMPLETE", 20145))
        .isEqualTo(Instant.parse("2024-11-05T11:55:00Z"));
    // The refused vehicle was skipped, so it has no checkpoint.
    assertThat(stored.fetchedUntil("FLEETCOMPLETE", 20146)).isNull();

    int before = system.requests().size();
    runOneRound(extractor, Instant.parse("2024-11-06T12:00:00Z"));

    List<FakeFleetSystem.Request> resumed =
        system.requests().subList(before, system.requests().size()).stream()
            .filter(r -> r.path().endsWith("getTrips") && "20145".equals(r.query().get("objectId")))
            .toList();
    assertThat(resumed)
        .extracting(r -> r.query().get("begTimestamp"), r -> r.query().get("endTimestamp"))
        .containsExactly(tuple("2024-11-04T11:55:00+0000", "2024-11-06T11:55:00+0000"));
  }

  @Test
  void retriesA429ThenStoresTheTrips() {
    AtomicInteger tripCalls = new AtomicInteger();
    system.route(
        r -> {
          if (r.path().equals("/accounts/5120/resources/vehicles")) {
            return Answer.json(resource("fleet/skyhost-v2/vehicles-5120-page-1.json"));
          }
          if (r.path().equals("/accounts/5120/resources/vehicles/9001/reports/milagetrip")) {
            return tripCalls.incrementAndGet() == 1
                ? Answer.status(429, Map.of("Retry-After", "1"))
                : Answer.json(resource("fleet/skyhost-v2/milagetrip-4711-2024-03.json"));
          }
          return null;
        });
    SkyhostV2Extractor extractor =
        new SkyhostV2Extractor(
            system.url(""),
            SkyhostV2Extractor.accounts(List.of("5120", "sk-key-vp-77e1")),
            clients.http,
            Duration.ofDays(1),
            FleetSystemClients.RECEIVED);

    runOneRound(extractor, Instant.parse("2024-04-05T00:00:00Z"), Duration.ofDays(7));

    assertThat(tripCalls.get()).isEqualTo(2);
    assertThat(clients.sleeps).containsExactly(Duration.ofSeconds(1));
    assertThat(
            clients.counter(ExtractorMetrics.FAILURES, "extractor", "SKYHOST_V2", "status", "429"))
        .isEqualTo(1);
    RawTopics.await(
        TopicCatalog.FLEET_TRIPS.name(),
        TRIPS,
        List.of(
            trip("9001", "st-88120001"), trip("9001", "st-88120003"), trip("9001", "st-88120006")));
    assertThat(
            ExtractorCheckpoints.load(kafka.clientConfig(), Duration.ofSeconds(30))
                .fetchedUntil("SKYHOST_V2", 9001))
        .isEqualTo(Instant.parse("2024-04-04T23:55:00Z"));
  }

  private void runOneRound(Extractor extractor, Instant now) {
    runOneRound(extractor, now, Duration.ofDays(40));
  }

  /** Starts an extraction as ingest would, waits for its first round, and stops it. */
  private void runOneRound(Extractor extractor, Instant now, Duration lookback) {
    FleetExtractionProperties settings =
        new FleetExtractionProperties(
            List.of(extractor.name()),
            Map.of(),
            Map.of(),
            Duration.ofHours(1),
            Duration.ZERO,
            lookback,
            Duration.ofMinutes(5),
            Duration.ofDays(1),
            Duration.ofSeconds(10),
            Duration.ofMillis(20),
            Duration.ofSeconds(2),
            4,
            Duration.ofSeconds(30));
    TripExtraction extraction =
        new TripExtraction(
            List.of(extractor),
            () ->
                new KafkaProducer<>(
                    FleetExtractionConfiguration.producerConfig(kafka, settings),
                    new StringSerializer(),
                    new ByteArraySerializer()),
            () -> ExtractorCheckpoints.load(kafka.clientConfig(), Duration.ofSeconds(30)),
            settings,
            clients.metrics,
            Clock.fixed(now, ZoneOffset.UTC));
    extraction.start();
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (extraction.completedRounds() < 1) {
        assertThat(System.nanoTime()).as("first round done within 60 s").isLessThan(deadline);
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } finally {
      extraction.stop();
    }
  }

  /**
   * Ecofleet as it behaves: places and vehicles from the corpus, trips of 20145 filtered by start
   * time to the asked span, and 403 for 20146 (a vehicle the key may not read).
   */
  private Answer ecofleet(FakeFleetSystem.Request request) {
    return switch (request.path()) {
      case "/seeme/Api/Places/get" -> Answer.json(resource("fleet/fleetcomplete/places.json"));
      case "/seeme/Api/Vehicles/get" -> Answer.json(resource("fleet/fleetcomplete/vehicles.json"));
      case "/seeme/Api/Vehicles/getTrips" ->
          "20145".equals(request.query().get("objectId"))
              ? Answer.json(
                  tripsStartingIn(
                      Instant.from(ECOFLEET.parse(request.query().get("begTimestamp"))),
                      Instant.from(ECOFLEET.parse(request.query().get("endTimestamp")))))
              : Answer.status(403, Map.of());
      default -> null;
    };
  }

  private static String tripsStartingIn(Instant begin, Instant end) {
    JsonNode all = JSON.readTree(resource("fleet/fleetcomplete/trips-20145.json"));
    ArrayNode kept = JSON.createArrayNode();
    StreamSupport.stream(all.path("response").spliterator(), false)
        .filter(
            t -> {
              Instant start = FleetTimes.parse(t.path("startTimestamp").asString());
              return !start.isBefore(begin) && start.isBefore(end);
            })
        .forEach(kept::add);
    ObjectNode answer = JSON.createObjectNode();
    answer.put("status", 0);
    answer.set("response", kept);
    return answer.toString();
  }

  private List<org.assertj.core.groups.Tuple> tripRequests(String vehicleId) {
    return system.requests("/seeme/Api/Vehicles/getTrips").stream()
        .filter(r -> vehicleId.equals(r.query().get("objectId")))
        .map(r -> tuple(r.query().get("begTimestamp"), r.query().get("endTimestamp")))
        .toList();
  }

  private static Predicate<RawTopics.Keyed<Trip>> trip(String key, String tripId) {
    return k -> k.key().equals(key) && k.value().getTripId().equals(tripId);
  }
}
