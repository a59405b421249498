package dev.signalyard.fleet.simulation;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Small builders for the simulation tests; all times are UTC. */
final class Fixtures {
  static final SimulationSettings UTC =
      SimulationSettings.defaults().withOverrides(Map.of("time_zone", "UTC"));

  private Fixtures() {}

  static Instant at(String localDateTime) {
    return LocalDateTime.parse(localDateTime).toInstant(ZoneOffset.UTC);
  }

  static SimTrip trip(String id, String start, String end, double km) {
    return new SimTrip(id, 1, at(start), at(end), km, List.of());
  }

  static SimTrip trip(String id, long car, String start, String end, double km) {
    return new SimTrip(id, car, at(start), at(end), km, List.of());
  }

  static SimTrip trip(String id, String start, String end, double km, Segment... segments) {
    return new SimTrip(id, 1, at(start), at(end), km, List.of(segments));
  }

  static Segment segment(String start, String end, double km) {
    return new Segment(at(start), at(end), km);
  }

  static Vehicle petrolCar(long id, String name, double kml, double fixed) {
    return new Vehicle(id, name, VehicleType.FOSSIL, 1, kml, null, null, null, fixed, null, null);
  }

  static Vehicle ev(long id, String name, double whPerKm, Double range, double fixed) {
    return new Vehicle(id, name, VehicleType.EV, 3, null, whPerKm, null, range, fixed, null, 7.0);
  }

  static Vehicle bike(long id, VehicleType type) {
    return new Vehicle(id, "Cykel " + id, type, 10, null, null, null, null, 0.0, null, null);
  }
}
