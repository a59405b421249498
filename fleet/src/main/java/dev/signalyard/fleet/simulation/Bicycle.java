package dev.signalyard.fleet.simulation;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;

/**
 * A bike or e-bike.
 *
 * <p>Rules, in order:
 *
 * <ol>
 *   <li>A trip longer than the longest bike slot is rejected.
 *   <li>The trip qualifies when all hold: distance {@literal <} {@code max_km_pr_trip}; the km of
 *       the trip's start day stay within the daily range ({@code range}, else 20 km for a bike, 50
 *       km for an e-bike); speed {@literal <} {@code bike_speed} (bike) or {@code
 *       electrical_bike_speed} (e-bike); start and end lie on one day inside one slot.
 *   <li>Percentage rule: of the qualifying trips the bike takes the next one only while its taken
 *       share stays within {@code percentage_of_trips}: with n qualifying trips so far (this one
 *       included) and k taken, it takes this one when k + 1 ≤ n × percentage / 100.
 * </ol>
 *
 * <p>Not thread-safe.
 */
final class Bicycle extends SimulatedVehicle {
  /** Daily range of a bike without a recorded range. */
  static final double DEFAULT_BIKE_RANGE_KM = 20;

  /** Daily range of an e-bike without a recorded range. */
  static final double DEFAULT_EBIKE_RANGE_KM = 50;

  private final SimulationSettings settings;
  private final double dailyRangeKm;
  private final double speedLimitKmh;
  private final Duration longestSlot;
  private final Map<LocalDate, Double> kmPerDay = new HashMap<>();
  private int qualifyingTrips;
  private int takenTrips;

  Bicycle(Vehicle vehicle, int index, SimulationSettings settings) {
    super(vehicle, index);
    this.settings = settings;
    boolean electric = vehicle.type() == VehicleType.EBIKE;
    this.dailyRangeKm =
        vehicle.rangeKm() != null
            ? vehicle.rangeKm()
            : electric ? DEFAULT_EBIKE_RANGE_KM : DEFAULT_BIKE_RANGE_KM;
    this.speedLimitKmh = electric ? settings.electricalBikeSpeed() : settings.bikeSpeed();
    this.longestSlot =
        settings.bikeSlots().stream()
            .map(TimeSlot::length)
            .max(Duration::compareTo)
            .orElse(Duration.ZERO);
  }

  @Override
  boolean accepts(SimTrip trip) {
    if (trip.duration().compareTo(longestSlot) > 0 || !qualifies(trip)) {
      return false;
    }
    qualifyingTrips++;
    return takenTrips + 1 <= qualifyingTrips * settings.percentageOfTrips() / 100 + 1e-9;
  }

  private boolean qualifies(SimTrip trip) {
    LocalDate day = trip.start().atZone(settings.zone()).toLocalDate();
    return trip.distanceKm() < settings.maxKmPrTrip()
        && kmPerDay.getOrDefault(day, 0.0) + trip.distanceKm() <= dailyRangeKm
        && trip.speedKmh() < speedLimitKmh
        && insideSlot(trip);
  }

  private boolean insideSlot(SimTrip trip) {
    ZonedDateTime start = trip.start().atZone(settings.zone());
    ZonedDateTime end = trip.end().atZone(settings.zone());
    if (!start.toLocalDate().equals(end.toLocalDate())) {
      return false;
    }
    for (TimeSlot slot : settings.bikeSlots()) {
      if (!start.toLocalTime().isBefore(slot.start()) && !end.toLocalTime().isAfter(slot.end())) {
        return true;
      }
    }
    return false;
  }

  @Override
  void commit(SimTrip trip) {
    takenTrips++;
    LocalDate day = trip.start().atZone(settings.zone()).toLocalDate();
    kmPerDay.merge(day, trip.distanceKm(), Double::sum);
  }
}
