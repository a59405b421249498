package dev.signalyard.fleet.goalseek;

import dev.signalyard.fleet.simulation.FleetInventory;
import dev.signalyard.fleet.simulation.SimTrip;
import dev.signalyard.fleet.simulation.SimulatedVehicle;
import dev.signalyard.fleet.simulation.SimulationSettings;
import dev.signalyard.fleet.simulation.Vehicle;
import dev.signalyard.fleet.simulation.VehicleType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How many vehicles the trips need (steps 2 and 4 of the reference): the bike estimate, and the
 * fewest cars that, next to a number of bikes, drive the peak day and then the whole period. Each
 * call builds its own fleets from the request's settings; nothing is shared between runs (reference
 * defect 8). Not thread-safe: one per goal seek.
 */
final class FleetSizing {
  /** Bikes offered to the first-fit estimate at most. */
  static final int MAX_ESTIMATE_BIKES = 50;

  /** Trials of one fewest-cars search at most (the reference's binary search limit). */
  static final int MAX_SEARCH_STEPS = 100;

  private final FleetTrial trial;
  private final Vehicle bike;
  private final Vehicle car;

  /**
   * @param trial simulates fleets
   * @param candidates the candidate types; the bike model of the searches is the best e-bike, else
   *     the best bike; the car model the best fossil car (it always accepts), else the EV with the
   *     longest range
   * @param prioritisation the request's 0..10, which orders "best"
   */
  FleetSizing(FleetTrial trial, List<CandidateType> candidates, int prioritisation) {
    this.trial = trial;
    Comparator<CandidateType> best =
        Comparator.<CandidateType>comparingDouble(c -> c.score(prioritisation))
            .thenComparingLong(c -> c.vehicle().id());
    this.bike =
        best(candidates, VehicleType.EBIKE, best)
            .or(() -> best(candidates, VehicleType.BIKE, best))
            .orElse(null);
    this.car =
        best(candidates, VehicleType.FOSSIL, best)
            .or(
                () ->
                    candidates.stream()
                        .filter(c -> c.vehicle().type() == VehicleType.EV)
                        .max(
                            Comparator.<CandidateType>comparingDouble(
                                    c -> c.vehicle().usableRangeKm())
                                .thenComparing(best.reversed()))
                        .map(CandidateType::vehicle))
            .orElse(null);
  }

  /**
   * Bikes a greedy first-fit needs: the trips in start order, each booked on the first bike (of up
   * to {@value #MAX_ESTIMATE_BIKES}) that is free and accepts it; 0 without a bike model.
   */
  int bikeEstimate(
      List<SimTrip> tripsInStartOrder,
      SimulationSettings settings,
      double periodDays,
      boolean limitKm) {
    if (bike == null) {
      return 0;
    }
    int offered = Math.min(MAX_ESTIMATE_BIKES, tripsInStartOrder.size());
    FleetInventory bikes =
        new FleetInventory(Collections.nCopies(offered, bike), settings, periodDays, limitKm);
    for (SimTrip trip : tripsInStartOrder) {
      for (SimulatedVehicle candidate : bikes.vehicles()) {
        if (bikes.tryBook(candidate, trip)) {
          break;
        }
      }
    }
    return (int) bikes.vehicles().stream().filter(v -> v.tripCount() > 0).count();
  }

  /**
   * The fewest cars that drive the trips next to {@code bikes} bikes: binary search on the peak
   * day, then more cars (doubling, then binary search) until the whole period is drivable. When
   * even one car per trip is not enough, that count.
   */
  int fewestCars(int bikes, List<SimTrip> peakTrips, List<SimTrip> allTrips) {
    if (car == null) {
      return 0;
    }
    int[] steps = {0};
    int onPeak = smallestDrivable(bikes, peakTrips, 0, peakTrips.size(), steps);
    if (drivable(bikes, onPeak, allTrips, steps)) {
      return onPeak;
    }
    int failing = onPeak;
    int trying = Math.max(1, onPeak * 2);
    while (trying < allTrips.size() && !drivable(bikes, trying, allTrips, steps)) {
      failing = trying;
      trying = Math.min(allTrips.size(), trying * 2);
    }
    return smallestDrivable(bikes, allTrips, failing + 1, Math.min(trying, allTrips.size()), steps);
  }

  /**
   * The smallest count in [low, high] that drives the trips, assuming more never hurts; high else.
   */
  private int smallestDrivable(int bikes, List<SimTrip> trips, int low, int high, int[] steps) {
    if (low >= high || !drivable(bikes, high, trips, steps)) {
      return Math.max(low, high);
    }
    while (low < high && steps[0] < MAX_SEARCH_STEPS) {
      int middle = (low + high) >>> 1;
      if (drivable(bikes, middle, trips, steps)) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return high;
  }

  private boolean drivable(int bikes, int cars, List<SimTrip> trips, int[] steps) {
    steps[0]++;
    List<Vehicle> fleet = new ArrayList<>(bikes + cars);
    if (bike != null) {
      fleet.addAll(Collections.nCopies(bikes, bike));
    }
    fleet.addAll(Collections.nCopies(cars, car));
    return trial.run(trips, fleet).drivable();
  }

  private static Optional<Vehicle> best(
      List<CandidateType> candidates, VehicleType kind, Comparator<CandidateType> best) {
    return candidates.stream()
        .filter(c -> c.vehicle().type() == kind)
        .min(best)
        .map(CandidateType::vehicle);
  }
}
