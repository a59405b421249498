package dev.signalyard.fleet.simulation;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A deterministic month of realistic municipal trips (March 2026, Copenhagen time): each car drives
 * one to three roundtrips per working day, mostly short errands, some long trips, each made of one
 * to three legs. The same seed gives the same trips on every machine.
 *
 * <p>Tests do not call it: {@link ScenarioFiles} wrote its output once to the stored files that
 * {@code ScenarioTest} reads. {@link SimulationTiming} still generates a larger month with it.
 */
final class Scenario {
  static final LocalDate FROM = LocalDate.parse("2026-03-01");
  static final LocalDate TO = LocalDate.parse("2026-03-31");
  private static final ZoneId ZONE = ZoneId.of("Europe/Copenhagen");

  private Scenario() {}

  /** Current fleet: petrol, diesel and electric cars of a home-care unit. */
  static List<Vehicle> currentFleet(int cars) {
    List<Vehicle> fleet = new ArrayList<>();
    for (int i = 0; i < cars; i++) {
      long id = 1000 + i;
      String plate = "AB%05d".formatted(10_000 + i);
      fleet.add(
          switch (i % 4) {
            case 0 ->
                new Vehicle(
                    id,
                    "Toyota Yaris (" + plate + ")",
                    VehicleType.FOSSIL,
                    1,
                    21.0,
                    null,
                    null,
                    null,
                    28_000.0,
                    20_000.0,
                    null);
            case 1 ->
                new Vehicle(
                    id,
                    "Peugeot Partner (" + plate + ")",
                    VehicleType.FOSSIL,
                    2,
                    18.5,
                    null,
                    null,
                    null,
                    32_000.0,
                    null,
                    null);
            case 2 ->
                new Vehicle(
                    id,
                    "VW ID.3 (" + plate + ")",
                    VehicleType.EV,
                    3,
                    null,
                    155.0,
                    5.0,
                    350.0,
                    36_000.0,
                    null,
                    7.0);
            default ->
                new Vehicle(
                    id,
                    "Skoda Octavia (" + plate + ")",
                    VehicleType.FOSSIL,
                    11,
                    19.0,
                    null,
                    null,
                    null,
                    30_000.0,
                    null,
                    null);
          });
    }
    return fleet;
  }

  /** Simulated fleet: bikes, e-bikes, identical EVs (as cloned by a simulation count) and cars. */
  static List<Vehicle> simulatedFleet(int bikes, int ebikes, int evs, int fossils) {
    List<Vehicle> fleet = new ArrayList<>();
    for (int i = 0; i < bikes; i++) {
      fleet.add(
          new Vehicle(
              2000 + i,
              "Cykel (C" + i + ")",
              VehicleType.BIKE,
              10,
              null,
              null,
              null,
              null,
              1_000.0,
              null,
              null));
    }
    for (int i = 0; i < ebikes; i++) {
      fleet.add(
          new Vehicle(
              2100 + i,
              "Elcykel (EC" + i + ")",
              VehicleType.EBIKE,
              10,
              null,
              null,
              null,
              null,
              3_000.0,
              null,
              null));
    }
    for (int i = 0; i < evs; i++) {
      // every EV is a clone of car 2200, as a simulation count expands it
      fleet.add(
          new Vehicle(
              2200,
              "Renault Zoe (EL12345)",
              VehicleType.EV,
              3,
              null,
              165.0,
              10.0,
              300.0,
              30_000.0,
              null,
              i % 2 == 0 ? 7.0 : null));
    }
    for (int i = 0; i < fossils; i++) {
      fleet.add(
          new Vehicle(
              2300 + i,
              "Toyota Yaris Hybrid (HY" + i + ")",
              VehicleType.FOSSIL,
              4,
              27.0,
              null,
              null,
              null,
              27_000.0,
              15_000.0,
              null));
    }
    return fleet;
  }

  /** The trips of the current fleet in March 2026. */
  static List<SimTrip> trips(List<Vehicle> currentFleet, long seed) {
    Random random = new Random(seed);
    List<SimTrip> trips = new ArrayList<>();
    for (LocalDate day = FROM; !day.isAfter(TO); day = day.plusDays(1)) {
      boolean weekend = day.getDayOfWeek().getValue() >= 6;
      for (Vehicle car : currentFleet) {
        int count =
            weekend
                ? (random.nextInt(6) == 0 ? 1 : 0)
                : 1 + random.nextInt(2) - (random.nextInt(5) == 0 ? 1 : 0);
        ZonedDateTime cursor = day.atTime(7, 0).atZone(ZONE).plusMinutes(random.nextInt(180));
        for (int t = 0; t < count; t++) {
          boolean longTrip = random.nextInt(12) == 0;
          double km =
              longTrip
                  ? 120 + random.nextInt(200)
                  : 1.5 + random.nextInt(40) + random.nextInt(10) / 10.0;
          int legs = 1 + random.nextInt(3);
          List<Segment> segments = new ArrayList<>();
          ZonedDateTime legStart = cursor;
          for (int leg = 0; leg < legs; leg++) {
            double legKm = km / legs;
            int minutes = Math.max(4, (int) Math.round(legKm / (25 + random.nextInt(40)) * 60));
            ZonedDateTime legEnd = legStart.plusMinutes(minutes);
            segments.add(new Segment(legStart.toInstant(), legEnd.toInstant(), legKm));
            legStart = legEnd.plusMinutes(5 + random.nextInt(90));
          }
          ZonedDateTime end = ZonedDateTime.ofInstant(segments.get(legs - 1).end(), ZONE);
          trips.add(
              new SimTrip(
                  car.id() + "-" + day + "-" + t,
                  car.id(),
                  cursor.toInstant(),
                  end.toInstant(),
                  km,
                  segments));
          cursor = end.plusMinutes(20 + random.nextInt(120));
        }
      }
    }
    return trips;
  }
}
