package dev.signalyard.ingest.fleet;

import dev.signalyard.schemas.fleet.Trip;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * FLEETCOMPLETE: Fleet Complete's Ecofleet API ({@code https://app.ecofleet.com/seeme}), key in the
 * query ({@code key=}), one key per customer.
 *
 * <ul>
 *   <li>Vehicles: {@code GET Api/Vehicles/get}; the home is {@code booking.homeLocation}, the id of
 *       a place from {@code GET Api/Places/get} (its {@code latitude}/{@code longitude}).
 *   <li>Trips: {@code GET Api/Vehicles/getTrips?objectId&begTimestamp&endTimestamp}, at most 28
 *       days per call; answers {@code id}, {@code distance} (km), {@code startTimestamp}/{@code
 *       endTimestamp}, {@code start/endLatitude}, {@code start/endLongitude}.
 *   <li>Every answer is {@code {"status":0,"response":...}}; a non-zero status is an error.
 *   <li>Times: ISO-8601 with a numeric offset without colon ({@code 2024-03-31T03:20:00+0200}); we
 *       send UTC in the same form. HTTP 429 is retried (by {@link FleetHttp}).
 * </ul>
 *
 * <p>Thread-safe: immutable.
 */
final class FleetCompleteExtractor implements Extractor {

  static final String NAME = "FLEETCOMPLETE";
  static final URI DEFAULT_BASE_URL = URI.create("https://app.ecofleet.com/seeme");
  static final Duration WINDOW = Duration.ofDays(28);

  static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx").withZone(ZoneOffset.UTC);

  private final URI baseUrl;
  private final List<String> keys;
  private final FleetHttp http;
  private final Duration overlap;
  private final Clock clock;

  FleetCompleteExtractor(
      URI baseUrl, List<String> keys, FleetHttp http, Duration overlap, Clock clock) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(NAME + " needs at least one key");
    }
    this.baseUrl = baseUrl;
    this.keys = List.copyOf(keys);
    this.http = http;
    this.overlap = overlap;
    this.clock = clock;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Duration window() {
    return WINDOW;
  }

  @Override
  public List<FleetSystemVehicle> listVehicles() {
    List<FleetSystemVehicle> vehicles = new ArrayList<>();
    for (int index = 0; index < keys.size(); index++) {
      String account = Integer.toString(index + 1);
      Map<Long, FleetSystemVehicle.Home> places = new HashMap<>();
      for (JsonNode place : get(account, "Api/Places/get", "")) {
        places.put(
            place.path("id").asLong(),
            new FleetSystemVehicle.Home(
                place.path("latitude").asDouble(), place.path("longitude").asDouble()));
      }
      for (JsonNode vehicle : get(account, "Api/Vehicles/get", "")) {
        JsonNode home = vehicle.path("booking").path("homeLocation");
        vehicles.add(
            new FleetSystemVehicle(
                vehicle.path("id").asLong(),
                account,
                text(vehicle.path("plate")),
                text(vehicle.path("imei")),
                home.isMissingNode() || home.isNull() ? null : places.get(home.asLong()),
                null));
      }
    }
    return vehicles;
  }

  @Override
  public List<Trip> fetchTrips(FleetSystemVehicle vehicle, Instant from, Instant to) {
    JsonNode trips =
        get(
            vehicle.account(),
            "Api/Vehicles/getTrips",
            "&objectId="
                + vehicle.id()
                + "&begTimestamp="
                + encode(TIMESTAMP.format(from.minus(overlap)))
                + "&endTimestamp="
                + encode(TIMESTAMP.format(to)));
    Instant receivedAt = clock.instant();
    List<Trip> result = new ArrayList<>();
    for (JsonNode trip : trips) {
      Trip parsed =
          SystemTrips.trip(
              NAME,
              vehicle.id(),
              text(trip.path("id")),
              FleetTimes.parse(trip.path("startTimestamp").asString()),
              FleetTimes.parse(trip.path("endTimestamp").asString()),
              trip.path("startLatitude").asDouble(),
              trip.path("startLongitude").asDouble(),
              trip.path("endLatitude").asDouble(),
              trip.path("endLongitude").asDouble(),
              trip.path("distance").asDouble(),
              receivedAt);
      if (SystemTrips.endsIn(parsed, from, to)) {
        result.add(parsed);
      }
    }
    return result;
  }

  /** The {@code response} of one call, after checking {@code status}. */
  private JsonNode get(String account, String path, String query) {
    String key = keys.get(Integer.parseInt(account) - 1);
    JsonNode answer =
        http.getJson(
            NAME,
            URI.create(baseUrl + "/" + path + "?key=" + encode(key) + "&json" + query),
            Map.of());
    int status = answer.path("status").asInt(-1);
    if (status != 0) {
      throw new FleetSystemException(
          200,
          NAME
              + " "
              + path
              + " answered status "
              + status
              + ": "
              + answer.path("errormessage").asString(""));
    }
    return answer.path("response");
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String text(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? null : node.asString();
  }
}
