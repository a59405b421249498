package dev.signalyard.benchmarks.fleet;

import dev.signalyard.fleet.goalseek.GoalSeekRequest;
import dev.signalyard.fleet.simulation.Segment;
import dev.signalyard.fleet.simulation.SimTrip;
import dev.signalyard.fleet.simulation.SimulationInput;
import dev.signalyard.fleet.simulation.SimulationSettings;
import dev.signalyard.fleet.simulation.Vehicle;
import dev.signalyard.fleet.simulation.VehicleType;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The data of the simulation benchmark (issue 6 item 8): a home-care unit with 20 cars (petrol,
 * diesel, HVO and electric) that drove {@code trips} roundtrips in March 2026 (Copenhagen time),
 * spread over the working days, one to three legs each, mostly errands and some long trips; and a
 * simulated fleet of 20 vehicles (2 bikes, 2 e-bikes, 8 EVs, 8 hybrids). Generated from a fixed
 * seed, so every run and machine gets the same data. Immutable.
 *
 * @param trips the roundtrips of the month
 * @param currentFleet the 20 cars that drove them
 * @param simulatedFleet the 20 vehicles to simulate
 * @param testModels one car per model the goal seek may add (ids 900-903)
 */
record SimulationBenchmarkScenario(
    List<SimTrip> trips,
    List<Vehicle> currentFleet,
    List<Vehicle> simulatedFleet,
    List<Vehicle> testModels) {
  static final LocalDate FROM = LocalDate.parse("2026-03-01");
  static final LocalDate TO = LocalDate.parse("2026-03-31");
  private static final ZoneId ZONE = ZoneId.of("Europe/Copenhagen");
  private static final long SEED = 20260301L;

  /** The scenario with {@code tripCount} trips of 20 cars. */
  static SimulationBenchmarkScenario generate(int tripCount) {
    List<Vehicle> current = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      current.add(currentCar(100 + i, i));
    }
    List<Vehicle> simulated = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      simulated.add(
          i < 2
              ? bike(900, "Cykel (C1)", VehicleType.BIKE, 1_000)
              : i < 4
                  ? bike(901, "Elcykel (EC1)", VehicleType.EBIKE, 3_000)
                  : i < 12
                      ? ev(902, "Renault Zoe (EL12345)")
                      : hybrid(903, "Toyota Yaris Hybrid (HY12345)"));
    }
    List<Vehicle> models =
        List.of(
            bike(900, "Cykel (C1)", VehicleType.BIKE, 1_000),
            bike(901, "Elcykel (EC1)", VehicleType.EBIKE, 3_000),
            ev(902, "Renault Zoe (EL12345)"),
            hybrid(903, "Toyota Yaris Hybrid (HY12345)"));
    return new SimulationBenchmarkScenario(trips(current, tripCount), current, simulated, models);
  }

  /** The manual simulation of the scenario. */
  SimulationInput simulationInput(boolean intelligentAllocation) {
    return new SimulationInput(
        trips,
        currentFleet,
        simulatedFleet,
        SimulationSettings.defaults(),
        intelligentAllocation,
        false,
        FROM,
        TO);
  }

  /** The goal seek of the scenario: the current cars, the four test models, prioritisation 5. */
  GoalSeekRequest goalSeekRequest(boolean intelligentAllocation) {
    List<Vehicle> vehicles = new ArrayList<>(currentFleet);
    vehicles.addAll(testModels);
    return new GoalSeekRequest(
        trips,
        vehicles,
        currentFleet.stream().map(Vehicle::id).toList(),
        List.of(),
        testModels.stream().map(Vehicle::id).toList(),
        5,
        false,
        intelligentAllocation,
        SimulationSettings.defaults(),
        Map.of(),
        FROM,
        TO);
  }

  private static List<SimTrip> trips(List<Vehicle> cars, int tripCount) {
    Random random = new Random(SEED);
    List<LocalDate> workingDays = new ArrayList<>();
    for (LocalDate day = FROM; !day.isAfter(TO); day = day.plusDays(1)) {
      if (day.getDayOfWeek().getValue() < 6) {
        workingDays.add(day);
      }
    }
    int[][] perCarDay = new int[workingDays.size()][cars.size()];
    for (int i = 0; i < tripCount; i++) {
      perCarDay[random.nextInt(workingDays.size())][random.nextInt(cars.size())]++;
    }
    List<SimTrip> trips = new ArrayList<>(tripCount);
    for (int d = 0; d < workingDays.size(); d++) {
      for (int c = 0; c < cars.size(); c++) {
        ZonedDateTime cursor =
            workingDays.get(d).atTime(7, 0).atZone(ZONE).plusMinutes(random.nextInt(120));
        for (int t = 0; t < perCarDay[d][c]; t++) {
          double km =
              random.nextInt(12) == 0
                  ? 100 + random.nextInt(180)
                  : 2 + random.nextInt(35) + random.nextInt(10) / 10.0;
          int legs = 1 + random.nextInt(3);
          List<Segment> segments = new ArrayList<>(legs);
          ZonedDateTime legStart = cursor;
          for (int leg = 0; leg < legs; leg++) {
            int minutes = Math.max(4, (int) Math.round(km / legs / (25 + random.nextInt(40)) * 60));
            ZonedDateTime legEnd = legStart.plusMinutes(minutes);
            segments.add(new Segment(legStart.toInstant(), legEnd.toInstant(), km / legs));
            legStart = legEnd.plusMinutes(5 + random.nextInt(60));
          }
          ZonedDateTime end = ZonedDateTime.ofInstant(segments.get(legs - 1).end(), ZONE);
          trips.add(
              new SimTrip(
                  cars.get(c).id() + "-" + workingDays.get(d) + "-" + t,
                  cars.get(c).id(),
                  cursor.toInstant(),
                  end.toInstant(),
                  km,
                  segments));
          cursor = end.plusMinutes(15 + random.nextInt(90));
        }
      }
    }
    return trips;
  }

  private static Vehicle currentCar(long id, int i) {
    String plate = "AB%05d".formatted(20_000 + i);
    return switch (i % 4) {
      case 0 -> fossil(id, "Toyota Yaris (" + plate + ")", 1, 21.0, 28_000);
      case 1 -> fossil(id, "Peugeot Partner (" + plate + ")", 2, 18.5, 32_000);
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
      default -> fossil(id, "Skoda Octavia (" + plate + ")", 11, 19.0, 30_000);
    };
  }

  private static Vehicle fossil(long id, String name, int fuel, double kml, double fixed) {
    return new Vehicle(
        id, name, VehicleType.FOSSIL, fuel, kml, null, null, null, fixed, null, null);
  }

  private static Vehicle hybrid(long id, String name) {
    return fossil(id, name, 4, 27.0, 27_000);
  }

  private static Vehicle ev(long id, String name) {
    return new Vehicle(id, name, VehicleType.EV, 3, null, 165.0, 10.0, 300.0, 30_000.0, null, 7.0);
  }

  private static Vehicle bike(long id, String name, VehicleType type, double fixed) {
    return new Vehicle(id, name, type, 10, null, null, null, null, fixed, null, null);
  }
}
