package dev.signalyard.streams.fleet;

import static dev.signalyard.streams.fleet.FleetDriver.HOME_LAT;
import static dev.signalyard.streams.fleet.FleetDriver.HOME_LON;

import dev.signalyard.schemas.fleet.Trip;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Realistic trip days of a municipal car: leave home in the morning, two stops in town, back home
 * around noon; one trip leaves from the location's extra parking spot and returns there.
 */
final class FleetTrips {

  static final Instant FIRST_DAY = Instant.parse("2026-10-01T00:00:00Z");

  private FleetTrips() {}

  static Trip trip(
      long vehicle,
      String id,
      Instant start,
      Duration duration,
      double fromLat,
      double fromLon,
      double toLat,
      double toLon,
      double km) {
    return Trip.newBuilder()
        .setVehicleId(vehicle)
        .setTripId(id)
        .setSource("SKYHOST_V2")
        .setStartTime(start)
        .setEndTime(start.plus(duration))
        .setStartLatitude(fromLat)
        .setStartLongitude(fromLon)
        .setEndLatitude(toLat)
        .setEndLongitude(toLon)
        .setDistanceKm(km)
        .setReceivedAt(start.plus(duration).plusSeconds(60))
        .build();
  }

  /** Three trips home → town → suburb → home on day {@code day} (0 = 2026-10-01). */
  static List<Trip> day(long vehicle, int day) {
    Instant morning = FIRST_DAY.plus(Duration.ofDays(day)).plus(Duration.ofHours(7));
    double townLat = 55.6867;
    double townLon = 12.5701;
    double suburbLat = 55.7300;
    double suburbLon = 12.4500;
    String prefix = "d" + day + "-";
    return List.of(
        trip(
            vehicle,
            prefix + "1",
            morning,
            Duration.ofMinutes(20),
            HOME_LAT,
            HOME_LON,
            townLat,
            townLon,
            3.1 + day * 0.1),
        trip(
            vehicle,
            prefix + "2",
            morning.plus(Duration.ofHours(1)),
            Duration.ofMinutes(25),
            townLat,
            townLon,
            suburbLat,
            suburbLon,
            9.4),
        trip(
            vehicle,
            prefix + "3",
            morning.plus(Duration.ofHours(3)),
            Duration.ofMinutes(30),
            suburbLat,
            suburbLon,
            HOME_LAT + 0.0004,
            HOME_LON - 0.0003,
            11.2));
  }

  /** Days {@code 0..days-1} of trips, in time order. */
  static List<Trip> days(long vehicle, int days) {
    List<Trip> trips = new ArrayList<>();
    for (int day = 0; day < days; day++) {
      trips.addAll(day(vehicle, day));
    }
    return trips;
  }
}
