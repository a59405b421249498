package dev.signalyard.ingest.fleet;

import dev.signalyard.schemas.fleet.Trip;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * MILEAGEBOOK: Mileagebook's enterprise API ({@code https://enterpriseapi.mileagebook.com/api}),
 * header {@code X-Access-Token}, one token per customer.
 *
 * <ul>
 *   <li>Vehicles: {@code GET /Fleet/Cars}: {@code CarID}, {@code LicensePlate}, {@code
 *       FixedLeasePayment} (monthly, so × 12 per year).
 *   <li>Trips: {@code GET /CompanyCarTrips?CarID&FromDateTime}: {@code ID}, {@code Date}, {@code
 *       StartTime}, {@code StopTime}, {@code AddressStartLatitude/Longitude}, {@code
 *       AddressStopLatitude/Longitude}, {@code DistanceTotal} (km). The API takes a start only and
 *       answers every later trip, so one call covers a whole round (window of 365 days) and trips
 *       ending after the window are left for the next round.
 *   <li>Times: local Copenhagen time without offset, both sent and received: {@code Date} is the
 *       day, {@code StartTime}/{@code StopTime} the times of day; a stop time before the start time
 *       is on the next day.
 * </ul>
 *
 * <p>Thread-safe: immutable.
 */
final class MileagebookExtractor implements Extractor {

  static final String NAME = "MILEAGEBOOK";
  static final URI DEFAULT_BASE_URL = URI.create("https://enterpriseapi.mileagebook.com/api");
  static final Duration WINDOW = Duration.ofDays(365);

  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

  private final URI baseUrl;
  private final List<String> tokens;
  private final FleetHttp http;
  private final Duration overlap;
  private final Clock clock;

  MileagebookExtractor(
      URI baseUrl, List<String> tokens, FleetHttp http, Duration overlap, Clock clock) {
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException(NAME + " needs at least one key");
    }
    this.baseUrl = baseUrl;
    this.tokens = List.copyOf(tokens);
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
    for (int index = 0; index < tokens.size(); index++) {
      String account = Integer.toString(index + 1);
      for (JsonNode car : get(account, "/Fleet/Cars")) {
        JsonNode lease = car.path("FixedLeasePayment");
        vehicles.add(
            new FleetSystemVehicle(
                car.path("CarID").asLong(),
                account,
                car.path("LicensePlate").isMissingNode()
                    ? null
                    : car.path("LicensePlate").asString(),
                null,
                null,
                lease.isNumber() ? lease.asDouble() * 12 : null));
      }
    }
    return vehicles;
  }

  @Override
  public List<Trip> fetchTrips(FleetSystemVehicle vehicle, Instant from, Instant to) {
    LocalDateTime localFrom = LocalDateTime.ofInstant(from.minus(overlap), FleetTimes.COPENHAGEN);
    JsonNode trips =
        get(
            vehicle.account(),
            "/CompanyCarTrips?CarID="
                + vehicle.id()
                + "&FromDateTime="
                + URLEncoder.encode(LOCAL.format(localFrom), StandardCharsets.UTF_8));
    Instant receivedAt = clock.instant();
    List<Trip> result = new ArrayList<>();
    for (JsonNode trip : trips) {
      LocalDate day = LocalDate.parse(trip.path("Date").asString().substring(0, 10));
      LocalTime startTime = LocalTime.parse(trip.path("StartTime").asString());
      LocalTime stopTime = LocalTime.parse(trip.path("StopTime").asString());
      LocalDateTime start = day.atTime(startTime);
      LocalDateTime stop = (stopTime.isBefore(startTime) ? day.plusDays(1) : day).atTime(stopTime);
      Trip parsed =
          SystemTrips.trip(
              NAME,
              vehicle.id(),
              trip.path("ID").asString(),
              FleetTimes.copenhagen(start),
              FleetTimes.copenhagen(stop),
              trip.path("AddressStartLatitude").asDouble(),
              trip.path("AddressStartLongitude").asDouble(),
              trip.path("AddressStopLatitude").asDouble(),
              trip.path("AddressStopLongitude").asDouble(),
              trip.path("DistanceTotal").asDouble(),
              receivedAt);
      if (SystemTrips.endsIn(parsed, from, to)) {
        result.add(parsed);
      }
    }
    return result;
  }

  private JsonNode get(String account, String pathAndQuery) {
    String token = tokens.get(Integer.parseInt(account) - 1);
    return http.getJson(NAME, URI.create(baseUrl + pathAndQuery), Map.of("X-Access-Token", token));
  }
}
