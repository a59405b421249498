package dev.signalyard.fleet.goalseek;

import dev.signalyard.fleet.simulation.Segment;
import dev.signalyard.fleet.simulation.SimTrip;
import dev.signalyard.fleet.simulation.SimulationSettings;
import dev.signalyard.fleet.simulation.Vehicle;
import dev.signalyard.fleet.simulation.VehicleType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Vehicles and trips of the goal-seek tests: a home-care unit's four cars (ids 1-4) and the models
 * it may test (ids 10-13), two weeks of March 2026, UTC.
 */
final class GoalSeekScenario {
  static final LocalDate FROM = LocalDate.parse("2026-03-02");
  static final LocalDate TO = LocalDate.parse("2026-03-15");
  static final SimulationSettings UTC =
      SimulationSettings.defaults().withOverrides(Map.of("time_zone", "UTC"));

  static final Vehicle YARIS = fossil(1, "Toyota Yaris (AB10001)", 1, 21.0, 28_000);
  static final Vehicle PARTNER = fossil(2, "Peugeot Partner (AB10002)", 2, 18.5, 32_000);
  static final Vehicle ID3 = ev(3, "VW ID.3 (AB10003)", 155, 350.0, 36_000);
  static final Vehicle OCTAVIA = fossil(4, "Skoda Octavia (AB10004)", 1, 19.0, 30_000);
  static final Vehicle BIKE = bike(10, "Cykel (C1)", VehicleType.BIKE, 1_000);
  static final Vehicle EBIKE = bike(11, "Elcykel (EC1)", VehicleType.EBIKE, 3_000);
  static final Vehicle ZOE = ev(12, "Renault Zoe (EL12345)", 165, 300.0, 30_000);
  static final Vehicle HYBRID = fossil(13, "Toyota Yaris Hybrid (HY1)", 4, 27.0, 27_000);

  static final List<Vehicle> VEHICLES =
      List.of(YARIS, PARTNER, ID3, OCTAVIA, BIKE, EBIKE, ZOE, HYBRID);

  private GoalSeekScenario() {}

  /** A request over the scenario's period with the given trips, current and test cars. */
  static GoalSeekRequest request(
      List<SimTrip> trips,
      List<Long> current,
      List<Long> fixed,
      List<Long> test,
      int prioritisation,
      Map<String, String> overrides) {
    return new GoalSeekRequest(
        trips,
        VEHICLES,
        current,
        fixed,
        test,
        prioritisation,
        false,
        false,
        UTC,
        overrides,
        FROM,
        TO);
  }

  /**
   * Mixed trips of the four cars: one to three roundtrips per working day, mostly errands of 2 to
   * 40 km, some long trips, legs of realistic speed. Deterministic for a seed.
   */
  static List<SimTrip> mixedTrips(long seed) {
    Random random = new Random(seed);
    List<SimTrip> trips = new ArrayList<>();
    for (LocalDate day = FROM; !day.isAfter(TO); day = day.plusDays(1)) {
      if (day.getDayOfWeek().getValue() >= 6) {
        continue;
      }
      for (long car = 1; car <= 4; car++) {
        ZonedDateTime cursor =
            day.atTime(7, 0).atZone(ZoneOffset.UTC).plusMinutes(random.nextInt(120));
        int count = 1 + random.nextInt(3);
        for (int t = 0; t < count; t++) {
          double km = random.nextInt(10) == 0 ? 90 + random.nextInt(150) : 2 + random.nextInt(38);
          ZonedDateTime end = cursor.plusMinutes(Math.max(10, Math.round(km / 35 * 60)) + 30);
          trips.add(
              new SimTrip(
                  car + "-" + day + "-" + t,
                  car,
                  cursor.toInstant(),
                  end.toInstant(),
                  km,
                  List.of(new Segment(cursor.toInstant(), end.toInstant(), km))));
          cursor = end.plusMinutes(30 + random.nextInt(90));
        }
      }
    }
    return trips;
  }

  /**
   * Short slow errands of cars 1 and 2 at the same hours every working day: 4 km in 40 minutes at
   * 09:00 and 11:00, inside the bike slot, far below every bike limit.
   */
  static List<SimTrip> bikeTrips() {
    List<SimTrip> trips = new ArrayList<>();
    for (LocalDate day = FROM; !day.isAfter(TO); day = day.plusDays(1)) {
      if (day.getDayOfWeek().getValue() >= 6) {
        continue;
      }
      for (long car = 1; car <= 2; car++) {
        for (int hour : new int[] {9, 11}) {
          ZonedDateTime start = day.atTime(hour, 0).atZone(ZoneOffset.UTC);
          ZonedDateTime end = start.plusMinutes(40);
          trips.add(
              new SimTrip(
                  car + "-" + day + "-" + hour,
                  car,
                  start.toInstant(),
                  end.toInstant(),
                  4,
                  List.of(new Segment(start.toInstant(), end.toInstant(), 4))));
        }
      }
    }
    return trips;
  }

  private static Vehicle fossil(long id, String name, int fuel, double kml, double fixed) {
    return new Vehicle(
        id, name, VehicleType.FOSSIL, fuel, kml, null, null, null, fixed, null, null);
  }

  private static Vehicle ev(long id, String name, double whPerKm, double range, double fixed) {
    return new Vehicle(id, name, VehicleType.EV, 3, null, whPerKm, 5.0, range, fixed, null, 7.0);
  }

  private static Vehicle bike(long id, String name, VehicleType type, double fixed) {
    return new Vehicle(id, name, type, 10, null, null, null, null, fixed, null, null);
  }
}
