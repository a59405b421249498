package dev.signalyard.benchmarks;

import dev.signalyard.benchmarks.fleet.RoundtripTripGenerator;
import dev.signalyard.fleet.roundtrips.StartPoint;
import dev.signalyard.fleet.roundtrips.TripLog;
import dev.signalyard.schemas.fleet.FleetLocation;
import dev.signalyard.schemas.fleet.FleetVehicle;
import dev.signalyard.schemas.fleet.ParkingSpot;
import dev.signalyard.schemas.fleet.Trip;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The fleet of {@link FleetTopologyBenchmark} as records for the fleet topics: the trip histories
 * of {@link RoundtripTripGenerator} (the roundtrip benchmark's generator, so both benchmarks
 * aggregate the same kind of fleet) turned into {@link FleetLocation}s, {@link FleetVehicle}s and
 * {@link Trip}s, the trips delivered day by day across the fleet as extractors fetch them.
 *
 * <p>Thread-safety: immutable after construction.
 */
final class FleetTopologyTrips {

  static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 5);
  private static final long SEED = 20261122L;
  private static final long FIRST_VEHICLE_ID = 1000;

  private final List<FleetLocation> locations;
  private final List<FleetVehicle> vehicles = new ArrayList<>();
  private final List<List<TripLog>> trips = new ArrayList<>();
  private final int days;

  FleetTopologyTrips(int vehicleCount, int locationCount, int days) {
    this.days = days;
    RoundtripTripGenerator generator = new RoundtripTripGenerator(SEED, locationCount);
    this.locations = locations(generator.starts());
    for (int v = 0; v < vehicleCount; v++) {
      List<TripLog> history = generator.vehicleTrips(v, FIRST_DAY, days);
      trips.add(history);
      vehicles.add(vehicle(v, history.isEmpty() ? null : home(generator.starts(), history.get(0))));
    }
  }

  List<FleetLocation> locations() {
    return locations;
  }

  List<FleetVehicle> vehicles() {
    return vehicles;
  }

  /** Hands every trip to {@code sink}: day by day, and within a day vehicle by vehicle. */
  void forEachTrip(Consumer<Trip> sink) {
    int[] next = new int[trips.size()];
    for (int day = 1; day <= days + 1; day++) {
      Instant dayEnd = FIRST_DAY.plusDays(day).atStartOfDay(ZoneOffset.UTC).toInstant();
      for (int v = 0; v < trips.size(); v++) {
        List<TripLog> history = trips.get(v);
        while (next[v] < history.size() && history.get(next[v]).start().isBefore(dayEnd)) {
          sink.accept(trip(FIRST_VEHICLE_ID + v, history.get(next[v]++)));
        }
      }
    }
    for (int v = 0; v < trips.size(); v++) {
      List<TripLog> history = trips.get(v);
      while (next[v] < history.size()) {
        sink.accept(trip(FIRST_VEHICLE_ID + v, history.get(next[v]++)));
      }
    }
  }

  private static List<FleetLocation> locations(List<StartPoint> starts) {
    // The generator lists each location's main spot first, then its additional spots.
    Map<Long, FleetLocation.Builder> byId = new LinkedHashMap<>();
    Map<Long, List<ParkingSpot>> additions = new LinkedHashMap<>();
    Instant updated = FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant();
    for (StartPoint start : starts) {
      if (!byId.containsKey(start.locationId())) {
        byId.put(
            start.locationId(),
            FleetLocation.newBuilder()
                .setId(start.locationId())
                .setAddress("Location " + start.locationId())
                .setLatitude(start.latitude())
                .setLongitude(start.longitude())
                .setUpdatedAt(updated));
        additions.put(start.locationId(), new ArrayList<>());
      } else {
        additions.get(start.locationId()).add(new ParkingSpot(start.latitude(), start.longitude()));
      }
    }
    return byId.entrySet().stream()
        .map(entry -> entry.getValue().setAdditions(additions.get(entry.getKey())).build())
        .toList();
  }

  /** The location whose spot is nearest the start of the vehicle's first trip (its home). */
  private static Long home(List<StartPoint> starts, TripLog first) {
    StartPoint nearest = null;
    double best = Double.MAX_VALUE;
    for (StartPoint start : starts) {
      double dLat = start.latitude() - first.startLatitude();
      double dLon = start.longitude() - first.startLongitude();
      double distance = dLat * dLat + dLon * dLon;
      if (distance < best) {
        best = distance;
        nearest = start;
      }
    }
    return nearest == null ? null : nearest.locationId();
  }

  private static FleetVehicle vehicle(int index, Long locationId) {
    boolean electric = index % 3 == 0;
    return FleetVehicle.newBuilder()
        .setId(FIRST_VEHICLE_ID + index)
        .setPlate("BM" + (10000 + index))
        .setTypeId(electric ? 3 : 4)
        .setFuelId(electric ? 3 : 1 + index % 2)
        .setWltpEl(electric ? 165.0 : null)
        .setWltpFossil(electric ? null : 19.5)
        .setLocationId(locationId)
        .setUpdatedAt(FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant())
        .build();
  }

  private static Trip trip(long vehicleId, TripLog log) {
    return Trip.newBuilder()
        .setVehicleId(vehicleId)
        .setTripId(log.id())
        .setSource("SKYHOST_V2")
        .setStartTime(log.start())
        .setEndTime(log.end())
        .setStartLatitude(log.startLatitude())
        .setStartLongitude(log.startLongitude())
        .setEndLatitude(log.endLatitude())
        .setEndLongitude(log.endLongitude())
        .setDistanceKm(log.distanceKm())
        .setReceivedAt(log.end().plus(Duration.ofMinutes(2)))
        .build();
  }
}
