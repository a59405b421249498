package dev.signalyard.queryapi.fleet.statistics;

import static dev.signalyard.queryapi.fleet.statistics.FleetTopics.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.signalyard.queryapi.QueryApiApplication;
import dev.signalyard.schemas.fleet.AggregationType;
import dev.signalyard.testsupport.KafkaTestBroker;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The statistics endpoints over daily usage, vehicles, locations and roundtrips produced to the
 * real broker, each figure checked against sums worked out by hand from the rows below.
 *
 * <p>Data (locations A and B; V1 petrol and V2 EV at A, V3 diesel at B):
 *
 * <pre>
 * day         vehicle  location  km  roundtrips  driving s  CO2e kg
 * 2026-03-02  V1       A         40  2           3600       8.0
 * 2026-03-03  V1       A         10  1           1800       2.0
 * 2026-03-10  V1       B          5  1            600       1.0   (the day's location, not V1's)
 * 2026-03-02  V2       A         30  1           2700       0.9
 * 2026-03-10  V2       A         20  1           1800       0.6
 * 2026-03-03  V3       B         50  2           5400      12.5
 * 2026-03-10  V3       B         99  9           9999      99.0   (then deleted by a tombstone)
 * </pre>
 */
@SpringBootTest(
    classes = QueryApiApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "signalyard.query.heartbeat=200ms")
@AutoConfigureWebTestClient(timeout = "30s")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetStatisticsControllerTest {

  private static final LocalDate D1 = LocalDate.parse("2026-03-02");
  private static final LocalDate D2 = LocalDate.parse("2026-03-03");
  private static final LocalDate D3 = LocalDate.parse("2026-03-10");
  private static final double DAY_SECONDS = 86_400;
  private static final double EPS = 1e-9;

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add(
        "signalyard.kafka.bootstrap-servers", () -> KafkaTestBroker.shared().bootstrapServers());
  }

  @Autowired WebTestClient client;

  private final FleetTopics topics = new FleetTopics();
  private final long base = FleetTopics.uniqueBase();
  private final long a = base + 1;
  private final long b = base + 2;
  private final long v1 = base + 11;
  private final long v2 = base + 12;
  private final long v3 = base + 13;
  private String both;

  @BeforeAll
  void produce() {
    both = "&locations=" + a + "," + b;
    topics.location(a, "Rådhuset", 55.6761, 12.5683);
    topics.location(b, "Depotet", 55.70, 12.60);
    topics.vehicle(v1, a, 4, 1, "AB 11 111");
    topics.vehicle(v2, a, 3, 3, "EL 22 222");
    topics.vehicle(v3, b, 4, 2, "DI 33 333");
    topics.usage(v1, D1, a, 1, 40, 2, 3600, 8.0);
    topics.usage(v1, D2, a, 1, 10, 1, 1800, 2.0);
    topics.usage(v1, D3, b, 1, 5, 1, 600, 1.0);
    topics.usage(v2, D1, a, 3, 30, 1, 2700, 0.9);
    topics.usage(v2, D3, a, 3, 20, 1, 1800, 0.6);
    topics.usage(v3, D2, b, 2, 50, 2, 5400, 12.5);
    topics.usage(v3, D3, b, 2, 99, 9, 9999, 99.0);
    // 254 km only once every row is read; then the tombstone takes V3's 99 km away again.
    await(() -> km("/api/fleet/statistics/sum?from=2026-03-02&to=2026-03-10" + both) == 254.0);
    topics.usageTombstone(v3, D3);
    await(() -> km("/api/fleet/statistics/sum?from=2026-03-02&to=2026-03-10" + both) == 155.0);
    // Roundtrips of V1 at A: one complete of two trips, one in-between, one later retracted.
    topics.roundtrip(
        v1,
        a,
        AggregationType.COMPLETE,
        false,
        new String[] {"2026-03-02T07:00:00Z", "2026-03-02T07:30:00Z", "15"},
        new String[] {"2026-03-02T08:30:00Z", "2026-03-02T09:00:00Z", "15"});
    topics.roundtrip(
        v1,
        a,
        AggregationType.INBETWEEN,
        false,
        new String[] {"2026-03-02T13:10:00Z", "2026-03-02T13:40:00Z", "10"});
    String[] late = {"2026-03-03T08:00:00Z", "2026-03-03T08:45:00Z", "10"};
    topics.roundtrip(v1, a, AggregationType.COMPLETE, false, late);
    await(() -> hourRows("&vehicles=" + v1).size() == 4);
    topics.roundtrip(v1, a, AggregationType.COMPLETE, true, late);
    topics.roundtrip(
        v3,
        b,
        AggregationType.COMPLETE,
        false,
        new String[] {"2026-03-03T10:00:00Z", "2026-03-03T11:00:00Z", "20"});
    await(
        () ->
            hourRows("&vehicles=" + v1).size() == 3
                && number(
                        list(
                                get(
                                    "/api/fleet/locations/precision?from=2026-03-01&to=2026-03-31"
                                        + "&locations="
                                        + b),
                                "locations")
                            .get(0),
                        "roundtrips")
                    == 1);
  }

  private double km(String uri) {
    return number(get(uri), "km");
  }

  @AfterAll
  void close() {
    topics.close();
  }

  @Test
  void sumsThePeriodPerFilter() {
    Map<String, Object> all = get("/api/fleet/statistics/sum?from=2026-03-02&to=2026-03-10" + both);
    assertThat(number(all, "km")).isEqualTo(155.0);
    assertThat(number(all, "roundtrips")).isEqualTo(8);
    assertThat(number(all, "drivingHours")).isCloseTo(15_900 / 3600.0, within(EPS));
    assertThat(number(all, "co2eKg")).isCloseTo(25.0, within(EPS));
    assertThat(number(all, "vehicles")).isEqualTo(3);
    assertThat(number(all, "activeVehicles")).isEqualTo(3);

    Map<String, Object> atA =
        get("/api/fleet/statistics/sum?from=2026-03-02&to=2026-03-10&locations=" + a);
    assertThat(number(atA, "km")).isEqualTo(100.0);
    assertThat(number(atA, "roundtrips")).isEqualTo(5);
    assertThat(number(atA, "co2eKg")).isCloseTo(11.5, within(EPS));
    assertThat(number(atA, "vehicles")).isEqualTo(2);

    Map<String, Object> fossil =
        get("/api/fleet/statistics/sum?from=2026-03-02&to=2026-03-10&types=4" + both);
    assertThat(number(fossil, "km")).isEqualTo(105.0);

    Map<String, Object> ev =
        get("/api/fleet/statistics/sum?from=2026-03-01&to=2026-03-31&vehicles=" + v2 + both);
    assertThat(number(ev, "km")).isEqualTo(50.0);
    assertThat(number(ev, "vehicles")).isEqualTo(1);

    Map<String, Object> oneDay =
        get("/api/fleet/statistics/sum?from=2026-03-03&to=2026-03-03" + both);
    assertThat(number(oneDay, "km")).isEqualTo(60.0);
  }

  @Test
  void overviewSplitsEmissionAndKmByFuelPerWeek() {
    Map<String, Object> emission =
        get(
            "/api/fleet/statistics/overview?view=emission&interval=week"
                + "&from=2026-03-02&to=2026-03-10"
                + both);
    List<Map<String, Object>> points = list(emission, "points");
    assertThat(points).extracting(p -> p.get("period")).containsExactly("2026-03-02", "2026-03-09");
    assertThat(number(points.get(0), "value")).isCloseTo(23.4, within(EPS));
    Map<String, Object> byFuel = map(points.get(0), "byFuel");
    assertThat(number(byFuel, "petrol")).isCloseTo(10.0, within(EPS));
    assertThat(number(byFuel, "diesel")).isCloseTo(12.5, within(EPS));
    assertThat(number(byFuel, "electric")).isCloseTo(0.9, within(EPS));
    assertThat(number(points.get(1), "value")).isCloseTo(1.6, within(EPS));

    Map<String, Object> share =
        get(
            "/api/fleet/statistics/overview?view=share&interval=week"
                + "&from=2026-03-02&to=2026-03-10"
                + both);
    List<Map<String, Object>> sharePoints = list(share, "points");
    assertThat(number(sharePoints.get(0), "value")).isCloseTo(100.0 * 30 / 130, within(EPS));
    assertThat(number(sharePoints.get(1), "value")).isCloseTo(100.0 * 20 / 25, within(EPS));

    Map<String, Object> driven =
        get("/api/fleet/statistics/overview?view=driven&from=2026-03-02&to=2026-03-04" + both);
    assertThat(list(driven, "points"))
        .extracting(p -> number(p, "value"))
        .containsExactly(70.0, 60.0, 0.0);
  }

  @Test
  void drivingDataIsAggregatedPerVehicleAndDayOrHour() {
    Map<String, Object> days =
        get(
            "/api/fleet/statistics/driving-data?from=2026-03-02&to=2026-03-10&vehicles="
                + v1
                + both);
    List<Map<String, Object>> rows = list(days, "rows");
    assertThat(rows)
        .extracting(r -> r.get("start"))
        .containsExactly("2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z", "2026-03-10T00:00:00Z");
    assertThat(rows).extracting(r -> number(r, "km")).containsExactly(40.0, 10.0, 5.0);

    List<Map<String, Object>> hours = hourRows("&vehicles=" + v1);
    assertThat(hours)
        .extracting(r -> r.get("start"))
        .containsExactly("2026-03-02T07:00:00Z", "2026-03-02T08:00:00Z", "2026-03-02T13:00:00Z");
    assertThat(hours).extracting(r -> number(r, "km")).containsExactly(15.0, 15.0, 10.0);
    assertThat(hours).extracting(r -> number(r, "roundtrips")).containsExactly(1.0, 0.0, 1.0);
    assertThat(hours)
        .extracting(r -> number(r, "drivingSeconds"))
        .containsExactly(1800.0, 1800.0, 1800.0);
  }

  @Test
  void availabilityCountsVehiclesInUsePerDay() {
    List<Map<String, Object>> days =
        list(
            get("/api/fleet/statistics/availability?from=2026-03-02&to=2026-03-10" + both), "days");
    assertThat(days).hasSize(9);
    Map<String, Object> first = days.get(0);
    assertThat(number(first, "vehicles")).isEqualTo(3);
    assertThat(number(first, "inUse")).isEqualTo(2);
    assertThat(number(first, "available")).isEqualTo(1);
    assertThat(number(first, "utilisationPercent"))
        .isCloseTo(100.0 * (3600 + 2700) / (3 * DAY_SECONDS), within(EPS));
    Map<String, Object> idle = days.get(3);
    assertThat(idle.get("date")).isEqualTo("2026-03-05");
    assertThat(number(idle, "inUse")).isZero();
    assertThat(number(idle, "availablePercent")).isEqualTo(100.0);
  }

  @Test
  void kpisCompareWithThePreviousPeriod() {
    Map<String, Object> kpis =
        get("/api/fleet/statistics/kpis?from=2026-03-02&to=2026-03-10" + both);
    Map<String, Object> current = map(kpis, "current");
    assertThat(number(current, "km")).isEqualTo(155.0);
    assertThat(number(current, "kmPerVehicle")).isCloseTo(155.0 / 3, within(EPS));
    assertThat(number(current, "co2eKgPerKm")).isCloseTo(25.0 / 155, within(EPS));
    assertThat(number(current, "electricSharePercent")).isCloseTo(100.0 * 50 / 155, within(EPS));
    assertThat(number(current, "utilisationPercent"))
        .isCloseTo(100.0 * 15_900 / (3 * 9 * DAY_SECONDS), within(EPS));
    Map<String, Object> previous = map(kpis, "previous");
    assertThat(previous.get("from")).isEqualTo("2026-02-21");
    assertThat(previous.get("to")).isEqualTo("2026-03-01");
    assertThat(number(previous, "km")).isZero();
    assertThat(number(previous, "vehicles")).isEqualTo(3);
  }

  @Test
  void locationsUsageAndActivityCountEachDayAtItsLocation() {
    List<Map<String, Object>> usage =
        list(
            get("/api/fleet/statistics/locations/usage?from=2026-03-02&to=2026-03-10" + both),
            "locations");
    assertThat(usage)
        .extracting(l -> number(l, "locationId"))
        .containsExactly((double) a, (double) b);
    assertThat(usage.get(0).get("address")).isEqualTo("Rådhuset");
    assertThat(number(usage.get(0), "km")).isEqualTo(100.0);
    assertThat(number(usage.get(0), "vehicles")).isEqualTo(2);
    assertThat(number(usage.get(1), "km")).isEqualTo(55.0);
    assertThat(number(usage.get(1), "roundtrips")).isEqualTo(3);
    assertThat(number(usage.get(1), "co2eKg")).isCloseTo(13.5, within(EPS));
    assertThat(number(usage.get(1), "vehicles")).isEqualTo(2);

    List<Map<String, Object>> activity =
        list(
            get("/api/fleet/statistics/locations/activity?from=2026-03-02&to=2026-03-10" + both),
            "locations");
    List<Map<String, Object>> aDays = list(activity.get(0), "days");
    assertThat(aDays).hasSize(9);
    assertThat(number(aDays.get(0), "km")).isEqualTo(70.0);
    assertThat(number(aDays.get(0), "activeVehicles")).isEqualTo(2);
    assertThat(number(aDays.get(0), "utilisationPercent"))
        .isCloseTo(100.0 * 6300 / (2 * DAY_SECONDS), within(EPS));
    List<Map<String, Object>> bDays = list(activity.get(1), "days");
    assertThat(number(bDays.get(8), "km")).isEqualTo(5.0);
  }

  @Test
  void storedPrecisionIsCompleteKmOverAllRoundtripKm() {
    List<Map<String, Object>> locations =
        list(
            get(
                "/api/fleet/locations/precision?from=2026-03-01&to=2026-03-31&locations="
                    + a
                    + ","
                    + b),
            "locations");
    assertThat(locations).hasSize(2);
    assertThat(number(locations.get(0), "roundtrips")).isEqualTo(2);
    assertThat(number(locations.get(0), "completeKm")).isEqualTo(30.0);
    assertThat(number(locations.get(0), "totalKm")).isEqualTo(40.0);
    assertThat(number(locations.get(0), "precisionPercent")).isEqualTo(75.0);
    assertThat(number(locations.get(1), "precisionPercent")).isEqualTo(100.0);

    Map<String, Object> april =
        get("/api/fleet/locations/precision?from=2026-04-01&to=2026-04-30&locations=" + a);
    assertThat(number(list(april, "locations").get(0), "precisionPercent")).isZero();
  }

  @Test
  void badFiltersAreProblemsNamingTheField() {
    client
        .get()
        .uri(
            "/api/fleet/statistics/overview?view=speed&interval=year&from=2026-13-01"
                + "&locations=x&types=9")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.errors[*].field")
        .value(
            fields ->
                assertThat((List<Object>) fields)
                    .contains("view", "interval", "from", "locations", "types"));
    client
        .get()
        .uri("/api/fleet/statistics/driving-data?bucket=hour&from=2026-01-01&to=2026-03-01")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("from");
    client
        .get()
        .uri("/api/fleet/statistics/sum?from=2026-03-10&to=2026-03-02")
        .exchange()
        .expectStatus()
        .isBadRequest();
  }

  private List<Map<String, Object>> hourRows(String filter) {
    return list(
        get(
            "/api/fleet/statistics/driving-data?bucket=hour&from=2026-03-02&to=2026-03-03"
                + filter),
        "rows");
  }

  private Map<String, Object> get(String uri) {
    return client
        .get()
        .uri(uri)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
        .returnResult()
        .getResponseBody();
  }

  private static double number(Map<String, Object> map, String key) {
    return ((Number) map.get(key)).doubleValue();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> map, String key) {
    return (Map<String, Object>) map.get(key);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Map<String, Object> map, String key) {
    return (List<Map<String, Object>>) map.get(key);
  }
}
