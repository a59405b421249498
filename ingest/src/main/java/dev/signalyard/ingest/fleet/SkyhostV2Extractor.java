package dev.signalyard.ingest.fleet;

import dev.signalyard.schemas.fleet.Trip;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * SKYHOST_V2: Skyhost's REST API ({@code https://api.skyhost.dk}), bearer key per account.
 *
 * <ul>
 *   <li>Vehicles: {@code GET /accounts/{account}/resources/vehicles?page=N&pageSize=100}, paged
 *       ({@code pagination.totalPages}); {@code externalId} is the tracker's IMEI. Every page is
 *       read (the reference read only the first 100 vehicles, its issue #209).
 *   <li>Trips: {@code GET /accounts/{account}/resources/vehicles/{id}/reports/milagetrip?from&to},
 *       {@code from}/{@code to} sent as UTC ISO-8601; answers {@code id}, {@code
 *       tripDistanceMeters}, {@code start}, {@code end}, {@code startAddress}/{@code
 *       endAddress{lat,lon}}. Windows of 30 days.
 *   <li>Times: ISO-8601, usually with an offset ({@code +02:00} or {@code Z}), but some accounts
 *       send local Copenhagen time without one (the reference's issue #216); both are read.
 * </ul>
 *
 * <p>Thread-safe: immutable.
 */
final class SkyhostV2Extractor implements Extractor {

  static final String NAME = "SKYHOST_V2";
  static final URI DEFAULT_BASE_URL = URI.create("https://api.skyhost.dk");
  static final int PAGE_SIZE = 100;
  static final Duration WINDOW = Duration.ofDays(30);

  /** One Skyhost account and its API key. */
  record Account(String id, String key) {
    @Override
    public String toString() {
      return "Account[" + id + "]";
    }
  }

  private final URI baseUrl;
  private final Map<String, String> keys = new LinkedHashMap<>();
  private final FleetHttp http;
  private final Duration overlap;
  private final Clock clock;

  SkyhostV2Extractor(
      URI baseUrl, List<Account> accounts, FleetHttp http, Duration overlap, Clock clock) {
    this.baseUrl = baseUrl;
    accounts.forEach(a -> keys.put(a.id(), a.key()));
    this.http = http;
    this.overlap = overlap;
    this.clock = clock;
  }

  /** Accounts from {@code SKYHOST_V2_KEYS}: {@code account,key,account,key,...}. */
  static List<Account> accounts(List<String> values) {
    if (values.isEmpty() || values.size() % 2 != 0) {
      throw new IllegalArgumentException(
          NAME
              + " keys must be pairs 'account,key,account,key,...' (got "
              + values.size()
              + " values)");
    }
    List<Account> accounts = new ArrayList<>();
    for (int i = 0; i < values.size(); i += 2) {
      accounts.add(new Account(values.get(i), values.get(i + 1)));
    }
    return accounts;
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
    for (String account : keys.keySet()) {
      int totalPages = 1;
      for (int page = 1; page <= totalPages; page++) {
        JsonNode answer =
            get(
                account,
                "/accounts/"
                    + encode(account)
                    + "/resources/vehicles?page="
                    + page
                    + "&pageSize="
                    + PAGE_SIZE);
        JsonNode data = answer.path("data");
        for (JsonNode vehicle : data) {
          vehicles.add(
              new FleetSystemVehicle(
                  vehicle.path("id").asLong(),
                  account,
                  text(vehicle.path("licensePlate")),
                  text(vehicle.path("externalId")),
                  null,
                  null));
        }
        totalPages = data.isEmpty() ? page : answer.path("pagination").path("totalPages").asInt(1);
      }
    }
    return vehicles;
  }

  @Override
  public List<Trip> fetchTrips(FleetSystemVehicle vehicle, Instant from, Instant to) {
    JsonNode answer =
        get(
            vehicle.account(),
            "/accounts/"
                + encode(vehicle.account())
                + "/resources/vehicles/"
                + vehicle.id()
                + "/reports/milagetrip?from="
                + encode(from.minus(overlap).toString())
                + "&to="
                + encode(to.toString()));
    JsonNode trips = answer.isArray() ? answer : answer.path("data");
    Instant receivedAt = clock.instant();
    List<Trip> result = new ArrayList<>();
    for (JsonNode trip : trips) {
      Trip parsed =
          SystemTrips.trip(
              NAME,
              vehicle.id(),
              text(trip.path("id")),
              FleetTimes.parse(trip.path("start").asString()),
              FleetTimes.parse(trip.path("end").asString()),
              trip.path("startAddress").path("lat").asDouble(),
              trip.path("startAddress").path("lon").asDouble(),
              trip.path("endAddress").path("lat").asDouble(),
              trip.path("endAddress").path("lon").asDouble(),
              trip.path("tripDistanceMeters").asDouble() / 1000.0,
              receivedAt);
      if (SystemTrips.endsIn(parsed, from, to)) {
        result.add(parsed);
      }
    }
    return result;
  }

  private JsonNode get(String account, String pathAndQuery) {
    String key = keys.get(account);
    if (key == null) {
      throw new FleetSystemException(0, NAME + " has no key for account " + account);
    }
    return http.getJson(
        NAME, URI.create(baseUrl + pathAndQuery), Map.of("Authorization", "Bearer " + key));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String text(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? null : node.asString();
  }
}
