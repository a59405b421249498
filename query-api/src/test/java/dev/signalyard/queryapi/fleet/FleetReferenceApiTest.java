package dev.signalyard.queryapi.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.queryapi.QueryApiApplication;
import dev.signalyard.schemas.fleet.FleetLocation;
import dev.signalyard.schemas.fleet.FleetSettings;
import dev.signalyard.schemas.fleet.FleetVehicle;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import dev.signalyard.testsupport.KafkaTestBroker;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The fleet reference endpoints over a real PostgreSQL (migrated at start-up) and a real broker:
 * round trips, every validation rule, the outbox in the change's transaction, and the relay.
 */
@SpringBootTest(
    classes = QueryApiApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "signalyard.fleet.outbox.poll-interval=100ms")
@AutoConfigureWebTestClient(timeout = "30s")
@SuppressWarnings("unchecked")
class FleetReferenceApiTest {

  private static final FleetDatabase DB = FleetDatabase.create("fleet_api");
  private static final ParameterizedTypeReference<Map<String, Object>> JSON =
      new ParameterizedTypeReference<>() {};

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add(
        "signalyard.kafka.bootstrap-servers", () -> KafkaTestBroker.shared().bootstrapServers());
    registry.add("signalyard.fleet.database.url", DB::r2dbcUrl);
    registry.add("signalyard.fleet.database.username", DB::username);
    registry.add("signalyard.fleet.database.password", DB::password);
  }

  @Autowired WebTestClient client;

  @Test
  void createsReadsChangesAndDeletesALocationWithItsParkingSpots() {
    Map<String, Object> created =
        send(
            HttpMethod.POST,
            "/api/fleet/locations",
            Map.of(
                "address",
                "Rådhuspladsen 1, København",
                "latitude",
                55.6761,
                "longitude",
                12.5683,
                "additions",
                List.of(Map.of("latitude", 55.677, "longitude", 12.569))),
            201);
    long id = ((Number) created.get("id")).longValue();

    Map<String, Object> read = send(HttpMethod.GET, "/api/fleet/locations/" + id, null, 200);
    assertThat(read.get("address")).isEqualTo("Rådhuspladsen 1, København");
    assertThat(read.get("additions"))
        .isEqualTo(List.of(Map.of("latitude", 55.677, "longitude", 12.569)));

    Map<String, Object> patched =
        send(
            HttpMethod.PATCH,
            "/api/fleet/locations/" + id,
            Map.of("address", "Rådhuset, København"),
            200);
    assertThat(patched.get("address")).isEqualTo("Rådhuset, København");
    assertThat(patched.get("latitude")).isEqualTo(55.6761);
    assertThat((List<Object>) patched.get("additions")).hasSize(1);

    Map<String, Object> replaced =
        send(
            HttpMethod.PUT,
            "/api/fleet/locations/" + id,
            Map.of(
                "address", "Rådhuset", "latitude", 55.0, "longitude", 12.0, "additions", List.of()),
            200);
    assertThat(replaced.get("latitude")).isEqualTo(55.0);
    assertThat((List<Object>) replaced.get("additions")).isEmpty();

    Map<String, Object> list = send(HttpMethod.GET, "/api/fleet/locations", null, 200);
    assertThat((List<Object>) list.get("items")).contains(replaced);

    Map<String, Object> deleted = send(HttpMethod.DELETE, "/api/fleet/locations/" + id, null, 200);
    assertThat(deleted.get("deleted")).isEqualTo(true);
    notFound(HttpMethod.GET, "/api/fleet/locations/" + id);
    notFound(HttpMethod.PATCH, "/api/fleet/locations/" + id);

    FleetLocation published =
        ReferenceTopic.await(
            KafkaTestBroker.shared().bootstrapServers(),
            TopicCatalog.FLEET_LOCATIONS.name(),
            Long.toString(id),
            AvroSerde.of(FleetLocation.class)::decode,
            FleetLocation::getDeleted);
    assertThat(published.getAddress()).isEqualTo("Rådhuset");
    assertThat(published.getLatitude()).isEqualTo(55.0);
  }

  @Test
  void rejectsEveryBadLocationFieldByName() {
    rejects(HttpMethod.POST, "/api/fleet/locations", Map.of(), "address", "latitude", "longitude");
    rejects(
        HttpMethod.POST,
        "/api/fleet/locations",
        Map.of("address", " ", "latitude", 91, "longitude", -181),
        "address",
        "latitude",
        "longitude");
    rejects(
        HttpMethod.POST,
        "/api/fleet/locations",
        Map.of(
            "address",
            "A",
            "latitude",
            1,
            "longitude",
            2,
            "additions",
            List.of(Map.of("latitude", 1)),
            "name",
            "x"),
        "name",
        "additions[0].longitude");
    notFound(HttpMethod.GET, "/api/fleet/locations/987654");
  }

  @Test
  void createsAVehicleFromOneMillionFiltersPagesAndSoftDeletesIt() {
    long location = location("Vognparken, Aarhus");
    Map<String, Object> ev = new HashMap<>(ev(location));
    Map<String, Object> created = send(HttpMethod.POST, "/api/fleet/vehicles", ev, 201);
    long id = ((Number) created.get("id")).longValue();
    assertThat(id).isGreaterThanOrEqualTo(1_000_000);
    assertThat(created.get("plate")).isEqualTo("EV 12 345");
    assertThat(created.get("endLeasing")).isEqualTo("2029-01-31");

    Map<String, Object> fossil =
        Map.of(
            "plate",
            "AB 98 765",
            "typeId",
            4,
            "fuelId",
            2,
            "wltpFossil",
            18.5,
            "locationId",
            location);
    long fossilId =
        ((Number) send(HttpMethod.POST, "/api/fleet/vehicles", fossil, 201).get("id")).longValue();

    Map<String, Object> patched =
        send(
            HttpMethod.PATCH,
            "/api/fleet/vehicles/" + id,
            Map.of("sleep", 8, "description", "pool car"),
            200);
    assertThat(patched.get("sleep")).isEqualTo(8.0);
    assertThat(patched.get("wltpEl")).isEqualTo(160.0);

    Map<String, Object> evs =
        send(HttpMethod.GET, "/api/fleet/vehicles?location=" + location + "&type=3", null, 200);
    assertThat(ids(evs)).containsExactly(id);
    assertThat(evs.get("total")).isEqualTo(1);
    Map<String, Object> firstPage =
        send(HttpMethod.GET, "/api/fleet/vehicles?location=" + location + "&size=1", null, 200);
    Map<String, Object> secondPage =
        send(
            HttpMethod.GET,
            "/api/fleet/vehicles?location=" + location + "&size=1&page=1",
            null,
            200);
    assertThat(ids(firstPage)).containsExactly(id);
    assertThat(ids(secondPage)).containsExactly(fossilId);
    assertThat(firstPage.get("total")).isEqualTo(2);

    rejectsWithStatus(HttpMethod.DELETE, "/api/fleet/locations/" + location, 409);

    send(HttpMethod.DELETE, "/api/fleet/vehicles/" + id, null, 200);
    assertThat(send(HttpMethod.GET, "/api/fleet/vehicles/" + id, null, 200).get("deleted"))
        .isEqualTo(true);
    assertThat(ids(send(HttpMethod.GET, "/api/fleet/vehicles?location=" + location, null, 200)))
        .containsExactly(fossilId);
    assertThat(
            ids(
                send(
                    HttpMethod.GET,
                    "/api/fleet/vehicles?location=" + location + "&includeDeleted=true",
                    null,
                    200)))
        .containsExactly(id, fossilId);
    notFound(HttpMethod.PATCH, "/api/fleet/vehicles/" + id);
    notFound(HttpMethod.DELETE, "/api/fleet/vehicles/" + id);
    notFound(HttpMethod.GET, "/api/fleet/vehicles/999");

    FleetVehicle published =
        ReferenceTopic.await(
            KafkaTestBroker.shared().bootstrapServers(),
            TopicCatalog.FLEET_VEHICLES.name(),
            Long.toString(id),
            AvroSerde.of(FleetVehicle.class)::decode,
            FleetVehicle::getDeleted);
    assertThat(published.getSleep()).isEqualTo(8.0);
    assertThat(published.getLocationId()).isEqualTo(location);
    assertThat(published.getEndLeasing()).isEqualTo(LocalDate.of(2029, 1, 31));
  }

  @Test
  void rejectsEachVehicleRuleNamingTheField() {
    long location = location("Regler 1");
    String uri = "/api/fleet/vehicles";
    rejects(HttpMethod.POST, uri, Map.of(), "typeId", "fuelId");
    rejects(HttpMethod.POST, uri, with(ev(location), "typeId", 7), "typeId");
    rejects(HttpMethod.POST, uri, with(ev(location), "fuelId", 1), "fuelId");
    rejects(HttpMethod.POST, uri, with(ev(location), "wltpEl", null), "wltpEl");
    rejects(HttpMethod.POST, uri, with(ev(location), "wltpFossil", 20), "wltpFossil");
    rejects(
        HttpMethod.POST,
        uri,
        Map.of("typeId", 4, "fuelId", 1, "wltpEl", 150),
        "wltpFossil",
        "wltpEl");
    rejects(
        HttpMethod.POST, uri, Map.of("typeId", 2, "fuelId", 10, "wltpFossil", 30), "wltpFossil");
    rejects(HttpMethod.POST, uri, Map.of("typeId", 1, "fuelId", 3), "fuelId");
    rejects(HttpMethod.POST, uri, with(ev(location), "endLeasing", null), "endLeasing");
    rejects(
        HttpMethod.POST,
        uri,
        with(with(ev(location), "leasingType", 2), "endLeasing", "2020-01-01"),
        "endLeasing");
    rejects(HttpMethod.POST, uri, with(ev(location), "leasingType", 4), "leasingType");
    rejects(HttpMethod.POST, uri, with(ev(location), "capacityDecrease", 150), "capacityDecrease");
    rejects(HttpMethod.POST, uri, with(ev(location), "startLeasing", "1. januar"), "startLeasing");
    rejects(HttpMethod.POST, uri, with(ev(location), "colour", "red"), "colour");
    rejects(HttpMethod.POST, uri, with(ev(location), "locationId", 987_654), "locationId");

    long id = ((Number) send(HttpMethod.POST, uri, ev(location), 201).get("id")).longValue();
    rejects(
        HttpMethod.PATCH, uri + "/" + id, Map.of("typeId", 4), "fuelId", "wltpFossil", "wltpEl");
    rejects(HttpMethod.PATCH, uri + "/" + id, Map.of("disabled", "yes"), "disabled");
    rejects(HttpMethod.GET, uri + "?type=9&size=0", null, "type", "size");
  }

  @Test
  void aFailedChangeWritesNoOutboxRow() {
    long outboxRows = DB.number("SELECT count(*) FROM outbox");
    long vehicles = DB.number("SELECT count(*) FROM vehicles");

    rejects(
        HttpMethod.POST,
        "/api/fleet/vehicles",
        with(ev(null), "locationId", 987_654),
        "locationId");
    assertThat(DB.number("SELECT count(*) FROM vehicles")).isEqualTo(vehicles);

    // Make the outbox insert itself fail: the location written before it must roll back too.
    DB.execute(
        "ALTER TABLE outbox ADD CONSTRAINT refuse_locations CHECK (topic <> 'fleet-locations') NOT VALID");
    try {
      client
          .post()
          .uri("/api/fleet/locations")
          .bodyValue(Map.of("address", "Rollback Allé 1", "latitude", 56.0, "longitude", 10.0))
          .exchange()
          .expectStatus()
          .is5xxServerError();
    } finally {
      DB.execute("ALTER TABLE outbox DROP CONSTRAINT refuse_locations");
    }
    assertThat(DB.number("SELECT count(*) FROM locations WHERE address = 'Rollback Allé 1'"))
        .isZero();
    assertThat(DB.number("SELECT count(*) FROM outbox")).isEqualTo(outboxRows);
  }

  @Test
  void servesTheLookupListsAndCreatesDepartments() {
    Map<String, Object> types = send(HttpMethod.GET, "/api/fleet/vehicle-types", null, 200);
    assertThat((List<Object>) types.get("items"))
        .contains(Map.of("id", 3, "name", "elbil"), Map.of("id", 4, "name", "fossilbil"));
    Map<String, Object> fuels = send(HttpMethod.GET, "/api/fleet/fuel-types", null, 200);
    assertThat((List<Object>) fuels.get("items"))
        .hasSize(11)
        .contains(Map.of("id", 5, "name", "plugin hybrid benzin", "refersTo", 1));

    Map<String, Object> department =
        send(
            HttpMethod.POST,
            "/api/fleet/departments",
            Map.of("name", "Hjemmeplejen Nord", "forvaltning", "Sundhed og Omsorg"),
            201);
    assertThat(department.get("id")).isNotNull();
    rejectsWithStatus(
        HttpMethod.POST,
        "/api/fleet/departments",
        Map.of("name", "Hjemmeplejen Nord", "forvaltning", "Sundhed og Omsorg"),
        409);
    rejects(HttpMethod.POST, "/api/fleet/departments", Map.of("forvaltning", "x"), "name");
    Map<String, Object> departments = send(HttpMethod.GET, "/api/fleet/departments", null, 200);
    assertThat((List<Object>) departments.get("items")).contains(department);
  }

  @Test
  void publishesTheSeededSettingsAndEveryChange() {
    FleetSettings seeded =
        ReferenceTopic.await(
            KafkaTestBroker.shared().bootstrapServers(),
            TopicCatalog.FLEET_SETTINGS.name(),
            SettingsStore.KEY,
            AvroSerde.of(FleetSettings.class)::decode,
            s ->
                "24".equals(s.getValues().get("keep_data"))
                    && "5".equals(s.getValues().get("sub_time")));
    assertThat(seeded.getValues()).containsEntry("el_udledning", "0.09").hasSize(20);

    long location = location("Vagtcentralen");
    List<Map<String, Object>> twoShifts =
        List.of(shift("06:00", "18:00", "12:00"), shift("18:00", "06:00", null));
    Map<String, Object> after =
        send(
            HttpMethod.PATCH,
            "/api/fleet/settings",
            Map.of("pris_el", 2.5, "vagt_" + location, twoShifts),
            200);
    assertThat(after.get("pris_el")).isEqualTo(2.5);
    assertThat(after.get("vagt_" + location))
        .isEqualTo(
            List.of(
                Map.of("shift_start", "06:00", "shift_end", "18:00", "break", "12:00"),
                new HashMap<>(Map.of("shift_start", "18:00", "shift_end", "06:00")) {
                  {
                    put("break", null);
                  }
                }));
    assertThat(send(HttpMethod.GET, "/api/fleet/settings", null, 200).get("pris_el"))
        .isEqualTo(2.5);

    FleetSettings changed =
        ReferenceTopic.await(
            KafkaTestBroker.shared().bootstrapServers(),
            TopicCatalog.FLEET_SETTINGS.name(),
            SettingsStore.KEY,
            AvroSerde.of(FleetSettings.class)::decode,
            s -> s.getValues().containsKey("vagt_" + location));
    assertThat(changed.getValues()).containsEntry("pris_el", "2.5");
  }

  @Test
  void rejectsEachBadSettingNamingIt() {
    String uri = "/api/fleet/settings";
    rejects(HttpMethod.PATCH, uri, Map.of("pris_el", -1), "pris_el");
    rejects(HttpMethod.PATCH, uri, Map.of("sub_time", "five"), "sub_time");
    rejects(HttpMethod.PATCH, uri, Map.of("undriven_type", "kul"), "undriven_type");
    rejects(HttpMethod.PATCH, uri, Map.of("co2_afgift", 1), "co2_afgift");
    rejects(HttpMethod.PATCH, uri, Map.of(), "body");
    rejects(
        HttpMethod.PATCH,
        uri,
        Map.of(
            "vagt_dashboard",
            List.of(shift("07:00", "15:00", null), shift("16:00", "07:00", null))),
        "vagt_dashboard");
    rejects(
        HttpMethod.PATCH,
        uri,
        Map.of(
            "vagt_dashboard",
            List.of(shift("07:00", "15:00", null), shift("14:00", "07:00", null))),
        "vagt_dashboard[1].shift_start");
    rejects(
        HttpMethod.PATCH,
        uri,
        Map.of(
            "vagt_dashboard",
            List.of(shift("07:00", "19:00", "20:00"), shift("19:00", "07:00", "03:00"))),
        "vagt_dashboard[0].break");
    rejects(
        HttpMethod.PATCH,
        uri,
        Map.of("vagt_dashboard", List.of(shift("07:00", "25:00", null))),
        "vagt_dashboard[0].shift_end");
    rejects(
        HttpMethod.PATCH,
        uri,
        Map.of("vagt_987654", List.of(shift("00:00", "00:00", null))),
        "vagt_987654");
    rejects(
        HttpMethod.PATCH,
        uri,
        Map.of(
            "bike_settings",
            Map.of(
                "max_km_pr_trip", 15,
                "percentage_of_trips", 120,
                "bike_slots", List.of(Map.of("bike_start", "15:30", "bike_end", "07:00")),
                "bike_speed", 20,
                "electrical_bike_speed", 30)),
        "bike_settings.percentage_of_trips",
        "bike_settings.bike_slots[0].bike_end");
    assertThat(send(HttpMethod.GET, uri, null, 200).get("undriven_type")).isEqualTo("benzin");
  }

  private static Map<String, Object> shift(String start, String end, String pause) {
    Map<String, Object> shift = new HashMap<>();
    shift.put("shift_start", start);
    shift.put("shift_end", end);
    shift.put("break", pause);
    return shift;
  }

  private static Map<String, Object> ev(Long location) {
    Map<String, Object> ev = new HashMap<>();
    ev.put("plate", "EV 12 345");
    ev.put("make", "Renault");
    ev.put("model", "Zoe");
    ev.put("typeId", 3);
    ev.put("fuelId", 3);
    ev.put("wltpEl", 160);
    ev.put("rangeKm", 390);
    ev.put("capacityDecrease", 10);
    ev.put("omkostningAar", 32_000);
    ev.put("leasingType", 1);
    ev.put("startLeasing", "2026-02-01");
    ev.put("endLeasing", "2029-01-31");
    ev.put("kmAar", 20_000);
    ev.put("locationId", location);
    return ev;
  }

  private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
    Map<String, Object> copy = new HashMap<>(body);
    copy.put(field, value);
    return copy;
  }

  private long location(String address) {
    return ((Number)
            send(
                    HttpMethod.POST,
                    "/api/fleet/locations",
                    Map.of("address", address, "latitude", 56.15, "longitude", 10.2),
                    201)
                .get("id"))
        .longValue();
  }

  private static List<Long> ids(Map<String, Object> page) {
    return ((List<?>) page.get("items"))
        .stream().map(v -> ((Number) ((Map<?, ?>) v).get("id")).longValue()).toList();
  }

  private Map<String, Object> send(HttpMethod method, String uri, Object body, int status) {
    WebTestClient.RequestBodySpec request = client.method(method).uri(uri);
    return (body == null ? request : request.bodyValue(body))
        .exchange()
        .expectStatus()
        .isEqualTo(status)
        .expectBody(JSON)
        .returnResult()
        .getResponseBody();
  }

  private void rejects(HttpMethod method, String uri, Object body, String... fields) {
    Map<String, Object> problem = send(method, uri, body, 400);
    assertThat(problem.get("type")).isEqualTo("urn:signalyard:problem:invalid-request");
    assertThat(
            ((List<?>) problem.get("errors"))
                .stream().<Object>map(e -> ((Map<?, ?>) e).get("field")).toList())
        .as("fields named for %s %s", method, body)
        .containsExactlyInAnyOrder((Object[]) fields);
  }

  private void rejectsWithStatus(HttpMethod method, String uri, Object body, int status) {
    assertThat(send(method, uri, body, status).get("type"))
        .asString()
        .startsWith("urn:signalyard:problem:");
  }

  private void rejectsWithStatus(HttpMethod method, String uri, int status) {
    rejectsWithStatus(method, uri, null, status);
  }

  private static Map<String, Object> validPatch(String uri) {
    return uri.contains("/locations/") ? Map.of("address", "Ny adresse") : Map.of("sleep", 1);
  }

  private void notFound(HttpMethod method, String uri) {
    Map<String, Object> problem =
        send(method, uri, method == HttpMethod.PATCH ? validPatch(uri) : null, 404);
    assertThat(problem.get("type")).isEqualTo("urn:signalyard:problem:not-found");
  }
}
