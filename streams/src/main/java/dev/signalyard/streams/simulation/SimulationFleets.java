package dev.signalyard.streams.simulation;

import dev.signalyard.fleet.simulation.Segment;
import dev.signalyard.fleet.simulation.SimTrip;
import dev.signalyard.fleet.simulation.Vehicle;
import dev.signalyard.fleet.simulation.VehicleType;
import dev.signalyard.schemas.fleet.FleetVehicle;
import dev.signalyard.schemas.fleet.Roundtrip;
import dev.signalyard.schemas.fleet.RoundtripSegment;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a request and the fleet topics' records into the model's inputs: the current fleet (the
 * live, enabled vehicles of the request's locations plus the vehicles it names), the simulated
 * fleet (each vehicle repeated by its count) and the roundtrips as {@link SimTrip}s.
 *
 * <p>Thread-safety: stateless.
 */
final class SimulationFleets {

  private SimulationFleets() {}

  /**
   * The current fleet, in id order.
   *
   * @throws IllegalArgumentException naming the field when a named vehicle is unknown or deleted
   */
  static List<Vehicle> current(SimulationRequest request, Map<Long, FleetVehicle> vehicles) {
    Map<Long, Vehicle> fleet = new LinkedHashMap<>();
    vehicles.values().stream()
        .filter(v -> !v.getDeleted() && !v.getDisabled() && !v.getTestVehicle())
        .filter(v -> v.getLocationId() != null && request.locationIds().contains(v.getLocationId()))
        .sorted((a, b) -> Long.compare(a.getId(), b.getId()))
        .forEach(v -> fleet.put(v.getId(), vehicle(v, "locationIds")));
    for (int i = 0; i < request.currentVehicleIds().size(); i++) {
      long id = request.currentVehicleIds().get(i);
      String field = "currentVehicleIds[" + i + "]";
      fleet.putIfAbsent(id, vehicle(known(vehicles, id, field), field));
    }
    return new ArrayList<>(fleet.values());
  }

  /**
   * The simulated fleet, each vehicle repeated by its count.
   *
   * @throws IllegalArgumentException naming the field when a vehicle is unknown or deleted
   */
  static List<Vehicle> simulated(SimulationRequest request, Map<Long, FleetVehicle> vehicles) {
    List<Vehicle> fleet = new ArrayList<>();
    for (int i = 0; i < request.simulatedFleet().size(); i++) {
      SimulationRequest.FleetEntry entry = request.simulatedFleet().get(i);
      String field = "simulatedFleet[" + i + "].vehicleId";
      Vehicle vehicle = vehicle(known(vehicles, entry.vehicleId(), field), field);
      for (int n = 0; n < entry.count(); n++) {
        fleet.add(vehicle);
      }
    }
    return fleet;
  }

  /**
   * A vehicle the request names by id.
   *
   * @throws IllegalArgumentException naming the field when the vehicle is unknown, deleted or has
   *     no type
   */
  static Vehicle named(Map<Long, FleetVehicle> vehicles, long id, String field) {
    return vehicle(known(vehicles, id, field), field);
  }

  /**
   * The trips {@code fleet} drove around the period {@code from} to {@code to} (inclusive), with
   * one day of margin either side: the model filters the period exactly in the settings' zone.
   */
  static List<SimTrip> tripsAround(
      FleetData data, List<Vehicle> fleet, LocalDate from, LocalDate to, ZoneId zone) {
    Instant start = from.minusDays(1).atStartOfDay(zone).toInstant();
    Instant until = to.plusDays(2).atStartOfDay(zone).toInstant();
    return trips(data.roundtrips(fleet.stream().map(Vehicle::id).toList(), start, until));
  }

  /** The roundtrips as trips of the vehicles that drove them. */
  static List<SimTrip> trips(List<Roundtrip> roundtrips) {
    List<SimTrip> trips = new ArrayList<>(roundtrips.size());
    for (Roundtrip r : roundtrips) {
      List<Segment> segments = new ArrayList<>(r.getSegments().size());
      for (RoundtripSegment s : r.getSegments()) {
        segments.add(new Segment(s.getStartTime(), s.getEndTime(), s.getDistanceKm()));
      }
      trips.add(
          new SimTrip(
              r.getId(),
              r.getVehicleId(),
              r.getStartTime(),
              r.getEndTime(),
              r.getDistanceKm(),
              segments));
    }
    return trips;
  }

  private static FleetVehicle known(Map<Long, FleetVehicle> vehicles, long id, String field) {
    FleetVehicle vehicle = vehicles.get(id);
    if (vehicle == null || vehicle.getDeleted()) {
      throw new IllegalArgumentException(field + ": vehicle " + id + " is unknown or deleted");
    }
    return vehicle;
  }

  private static Vehicle vehicle(FleetVehicle v, String field) {
    if (v.getTypeId() == null) {
      throw new IllegalArgumentException(field + ": vehicle " + v.getId() + " has no typeId");
    }
    return new Vehicle(
        v.getId(),
        name(v),
        VehicleType.ofDbId(v.getTypeId()),
        v.getFuelId(),
        v.getWltpFossil(),
        v.getWltpEl(),
        v.getCapacityDecrease(),
        v.getRangeKm(),
        v.getOmkostningAar(),
        v.getKmAar(),
        v.getSleep());
  }

  /** "Make Model (plate)", as the reference shows vehicles. */
  private static String name(FleetVehicle v) {
    String title =
        String.join(
                " ",
                v.getMake() == null ? "" : v.getMake(),
                v.getModel() == null ? "" : v.getModel())
            .trim();
    if (title.isEmpty()) {
      title = "Vehicle " + v.getId();
    }
    return v.getPlate() == null || v.getPlate().isBlank()
        ? title
        : title + " (" + v.getPlate() + ")";
  }
}
