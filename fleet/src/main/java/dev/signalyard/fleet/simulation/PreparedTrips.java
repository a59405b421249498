package dev.signalyard.fleet.simulation;

import java.util.List;

/**
 * The trips of a simulation made ready for allocation: filtered to the period and the current
 * fleet, merged into shift blocks, sorted by start; with the period length. Reuse one for many
 * simulations of the same trips (goal seek). Immutable.
 *
 * @param trips trips in start order
 * @param periodDays period length ({@link PeriodDays})
 */
public record PreparedTrips(List<SimTrip> trips, double periodDays) {
  public PreparedTrips {
    trips = List.copyOf(trips);
  }

  /** Total km of the trips. */
  public double totalKm() {
    double km = 0;
    for (SimTrip trip : trips) {
      km += trip.distanceKm();
    }
    return km;
  }
}
