package dev.signalyard.fleet.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An electric car with a daily charging need.
 *
 * <p>Rules, in order:
 *
 * <ol>
 *   <li>The range is {@code range × (1 − capacity_decrease/100)}, 500 km when {@code range} is
 *       unknown. A 24-hour window opens with the first trip after the previous window ended; it
 *       starts with a full range.
 *   <li>Fast path: the trip fits the remaining range and the window keeps at least {@code sleep}
 *       hours idle (24 h minus the booked driving time in the window, this trip included).
 *   <li>Otherwise the trip is walked segment by segment: a gap between segments longer than {@code
 *       sleep} recharges to full range and opens a new window at the next segment; every segment
 *       must fit the range left. The walk accepts only when the range holds and either the timing
 *       held or the trip itself contained a recharge gap (so the charging need is enforced for
 *       trips with segments too; reference defect 1).
 *   <li>With {@code limit_km}, the leased km rule of {@link LeaseLimit}.
 * </ol>
 *
 * <p>{@code sleep} defaults to 7 h when unknown (reference defect 10). Not thread-safe.
 */
final class ElectricCar extends SimulatedVehicle {
  private static final Duration WINDOW = Duration.ofDays(1);

  private final double fullRangeKm;
  private final Duration sleep;
  private final LeaseLimit leaseLimit;

  private Instant windowStart;
  private double remainingKm;
  private Duration busyInWindow = Duration.ZERO;

  private Instant pendingWindowStart;
  private double pendingRemainingKm;
  private Duration pendingBusy;

  ElectricCar(Vehicle vehicle, int index, LeaseLimit leaseLimit) {
    super(vehicle, index);
    this.leaseLimit = leaseLimit;
    this.fullRangeKm = vehicle.usableRangeKm();
    this.sleep = Duration.ofMillis(Math.round(vehicle.chargingHours() * 3_600_000));
  }

  /** Remaining range in the current window (full range before the first trip). */
  double remainingKm() {
    return windowStart == null ? fullRangeKm : remainingKm;
  }

  @Override
  boolean accepts(SimTrip trip) {
    if (!leaseLimit.allows(vehicle(), kmDriven(), trip.distanceKm())) {
      return false;
    }
    Instant start = windowStart;
    double remaining = remainingKm;
    Duration busy = busyInWindow;
    if (start == null || !trip.start().isBefore(start.plus(WINDOW))) {
      start = trip.start();
      remaining = fullRangeKm;
      busy = Duration.ZERO;
    }
    Duration busyWithTrip = busy.plus(overlap(trip.start(), trip.end(), start));
    boolean timingHolds = WINDOW.minus(busyWithTrip).compareTo(sleep) >= 0;
    if (timingHolds && trip.distanceKm() <= remaining) {
      remember(start, remaining - trip.distanceKm(), busyWithTrip);
      return true;
    }
    return walkSegments(trip, start, remaining, busyWithTrip, timingHolds);
  }

  private boolean walkSegments(
      SimTrip trip, Instant start, double remaining, Duration busyWithTrip, boolean timingHolds) {
    List<Segment> legs =
        trip.segments().isEmpty()
            ? List.of(new Segment(trip.start(), trip.end(), trip.distanceKm()))
            : trip.segments();
    boolean recharged = false;
    Instant previousEnd = null;
    for (Segment leg : legs) {
      if (previousEnd != null && Duration.between(previousEnd, leg.start()).compareTo(sleep) > 0) {
        remaining = fullRangeKm;
        start = leg.start();
        recharged = true;
      }
      if (leg.distanceKm() > remaining) {
        return false;
      }
      remaining -= leg.distanceKm();
      previousEnd = leg.end();
    }
    if (!recharged && !timingHolds) {
      return false;
    }
    Duration busy = recharged ? overlap(start, trip.end(), start) : busyWithTrip;
    remember(start, remaining, busy);
    return true;
  }

  private void remember(Instant start, double remaining, Duration busy) {
    pendingWindowStart = start;
    pendingRemainingKm = remaining;
    pendingBusy = busy;
  }

  @Override
  void commit(SimTrip trip) {
    windowStart = pendingWindowStart;
    remainingKm = pendingRemainingKm;
    busyInWindow = pendingBusy;
  }

  /** Time of [from, to] that lies in the window opened at {@code windowStart}. */
  private static Duration overlap(Instant from, Instant to, Instant windowStart) {
    Instant windowEnd = windowStart.plus(WINDOW);
    Instant a = from.isAfter(windowStart) ? from : windowStart;
    Instant b = to.isBefore(windowEnd) ? to : windowEnd;
    return b.isAfter(a) ? Duration.between(a, b) : Duration.ZERO;
  }
}
