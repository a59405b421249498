package dev.signalyard.fleet.roundtrips;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a vehicle's raw GPS points with ignition state (PUMA-style systems) into trips, the
 * reference's {@code logs_to_trips}.
 *
 * <ol>
 *   <li>Points are ordered by time; points at exactly 0,0 are dropped.
 *   <li>A point is dropped when the speed from it to the next remaining point is above 200 km/h
 *       (one pass; the last point has no next point and is kept; two points at the same time count
 *       as infinitely fast unless they are at the same place).
 *   <li>The points are cut into groups before every point where the ignition turns on after being
 *       off, so a group is a run of ignition-on points followed by a run of ignition-off points.
 *   <li>A group is kept when it starts on, ends off and at least half its points are on.
 *   <li>The trip runs from the group's first point to its first ignition-off point (where the
 *       engine stopped); the points parked after it belong to the stop, not to the trip. Its
 *       distance is the sum of the haversine distances between its consecutive points.
 * </ol>
 *
 * <p>Stateless and thread-safe.
 */
public final class LogsToTrips {

  /** Points faster than this to the next point are GPS jumps. */
  public static final double MAX_SPEED_KMH = 200.0;

  /** A group must have at least this share of ignition-on points. */
  public static final double MIN_IGNITION_ON_SHARE = 0.5;

  private LogsToTrips() {}

  /**
   * The trips in a vehicle's GPS points.
   *
   * @param idPrefix prefix of the trip ids; a trip's id is {@code idPrefix + "-" + start epoch ms}
   * @param points the vehicle's points, any order
   * @return the trips in time order
   */
  public static List<TripLog> trips(String idPrefix, List<GpsPoint> points) {
    List<GpsPoint> plausible = dropImplausible(points);
    List<TripLog> trips = new ArrayList<>();
    int groupStart = 0;
    for (int i = 1; i <= plausible.size(); i++) {
      boolean groupEnds =
          i == plausible.size()
              || (plausible.get(i).ignition() && !plausible.get(i - 1).ignition());
      if (groupEnds) {
        TripLog trip = tripOf(idPrefix, plausible.subList(groupStart, i));
        if (trip != null) {
          trips.add(trip);
        }
        groupStart = i;
      }
    }
    return trips;
  }

  private static List<GpsPoint> dropImplausible(List<GpsPoint> points) {
    List<GpsPoint> located = new ArrayList<>(points.size());
    for (GpsPoint point : points) {
      if (point.latitude() != 0.0 || point.longitude() != 0.0) {
        located.add(point);
      }
    }
    located.sort(Comparator.comparing(GpsPoint::time));
    List<GpsPoint> plausible = new ArrayList<>(located.size());
    for (int i = 0; i < located.size(); i++) {
      if (i == located.size() - 1
          || speedKmh(located.get(i), located.get(i + 1)) <= MAX_SPEED_KMH) {
        plausible.add(located.get(i));
      }
    }
    return plausible;
  }

  private static double speedKmh(GpsPoint from, GpsPoint to) {
    double km = distanceKm(from, to);
    double hours = (to.time().toEpochMilli() - from.time().toEpochMilli()) / 3_600_000.0;
    if (hours <= 0) {
      return km == 0 ? 0 : Double.POSITIVE_INFINITY;
    }
    return km / hours;
  }

  private static TripLog tripOf(String idPrefix, List<GpsPoint> group) {
    GpsPoint first = group.get(0);
    GpsPoint last = group.get(group.size() - 1);
    if (!first.ignition() || last.ignition()) {
      return null;
    }
    int on = 0;
    int firstOff = -1;
    for (int i = 0; i < group.size(); i++) {
      if (group.get(i).ignition()) {
        on++;
      } else if (firstOff < 0) {
        firstOff = i;
      }
    }
    if (on < MIN_IGNITION_ON_SHARE * group.size()) {
      return null;
    }
    double km = 0;
    for (int i = 1; i <= firstOff; i++) {
      km += distanceKm(group.get(i - 1), group.get(i));
    }
    GpsPoint stop = group.get(firstOff);
    return new TripLog(
        idPrefix + "-" + first.time().toEpochMilli(),
        first.time(),
        stop.time(),
        first.latitude(),
        first.longitude(),
        stop.latitude(),
        stop.longitude(),
        km);
  }

  private static double distanceKm(GpsPoint a, GpsPoint b) {
    return Haversine.distanceKm(a.latitude(), a.longitude(), b.latitude(), b.longitude());
  }
}
