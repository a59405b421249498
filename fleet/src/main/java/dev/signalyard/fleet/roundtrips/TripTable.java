package dev.signalyard.fleet.roundtrips;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One vehicle's pre-cleaned trips as primitive columns, with everything the four home-criterion
 * runs share computed once: times, km, stop after each trip, the closest start (within the largest
 * criterion) of each trip's start and end point, and, lazily per start, prefix sums of the trips
 * starting within the vicinity radius ({@value AggregationRun#VICINITY_KM} km) of it.
 *
 * <p>Not thread-safe: one table belongs to one {@link RoundtripAggregator#aggregate} call.
 */
final class TripTable {

  final TripLog[] trips;
  final int size;
  final long[] start;
  final long[] end;
  final double[] km;

  /** Milliseconds from the trip's end to the next trip's start; 0 for the last trip. */
  final long[] stop;

  /** Whether the start coordinates are usable (not 0,0 and not NaN). */
  final boolean[] located;

  final int[] startSpot;
  final double[] startSpotKm;
  final int[] endSpot;
  final double[] endSpotKm;
  final double[] prefixKm;

  final StartPoint[] spots;

  /** Dense location number (0..locationCount-1) of each spot; spots of a location share it. */
  final int[] spotLocation;

  final int locationCount;

  private final int[][] nearCountBySpot;
  private final double[][] nearKmBySpot;

  TripTable(List<TripLog> cleaned, List<StartPoint> starts, boolean birdFlight, double radiusKm) {
    size = cleaned.size();
    trips = new TripLog[size];
    start = new long[size];
    end = new long[size];
    km = new double[size];
    stop = new long[size];
    located = new boolean[size];
    startSpot = new int[size];
    startSpotKm = new double[size];
    endSpot = new int[size];
    endSpotKm = new double[size];
    prefixKm = new double[size + 1];
    spots = starts.toArray(new StartPoint[0]);
    spotLocation = new int[spots.length];
    Map<Long, Integer> locations = new HashMap<>();
    for (int s = 0; s < spots.length; s++) {
      spotLocation[s] = locations.computeIfAbsent(spots[s].locationId(), id -> locations.size());
    }
    locationCount = locations.size();
    nearCountBySpot = new int[spots.length][];
    nearKmBySpot = new double[spots.length][];

    StartPointIndex index = new StartPointIndex(starts, radiusKm);
    double[] distance = new double[1];
    for (int i = 0; i < size; i++) {
      TripLog trip = cleaned.get(i);
      if (birdFlight) {
        trip = withBirdFlightDistance(trip);
      }
      trips[i] = trip;
      start[i] = trip.start().toEpochMilli();
      end[i] = trip.end().toEpochMilli();
      km[i] = trip.distanceKm();
      prefixKm[i + 1] = prefixKm[i] + km[i];
      located[i] = isLocated(trip.startLatitude(), trip.startLongitude());
      startSpot[i] =
          located[i] ? index.closest(trip.startLatitude(), trip.startLongitude(), distance) : -1;
      startSpotKm[i] = distance[0];
      endSpot[i] =
          isLocated(trip.endLatitude(), trip.endLongitude())
              ? index.closest(trip.endLatitude(), trip.endLongitude(), distance)
              : -1;
      endSpotKm[i] = distance[0];
    }
    for (int i = 0; i + 1 < size; i++) {
      stop[i] = start[i + 1] - end[i];
    }
  }

  private static boolean isLocated(double latitude, double longitude) {
    return !Double.isNaN(latitude)
        && !Double.isNaN(longitude)
        && (latitude != 0.0 || longitude != 0.0);
  }

  private static TripLog withBirdFlightDistance(TripLog trip) {
    double km =
        Haversine.distanceKm(
            trip.startLatitude(), trip.startLongitude(), trip.endLatitude(), trip.endLongitude());
    return new TripLog(
        trip.id(),
        trip.start(),
        trip.end(),
        trip.startLatitude(),
        trip.startLongitude(),
        trip.endLatitude(),
        trip.endLongitude(),
        Double.isNaN(km) ? 0.0 : km);
  }

  /** The first trip index at or after {@code from} whose start is after {@code millis}. */
  int firstStartAfter(int from, long millis) {
    int lo = from;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (start[mid] <= millis) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Number of trips in [from, to) starting within the vicinity radius of the spot. */
  int nearCount(int spot, int from, int to) {
    ensureNear(spot);
    return nearCountBySpot[spot][to] - nearCountBySpot[spot][from];
  }

  /** Km of the trips in [from, to) starting within the vicinity radius of the spot. */
  double nearKm(int spot, int from, int to) {
    ensureNear(spot);
    return nearKmBySpot[spot][to] - nearKmBySpot[spot][from];
  }

  private void ensureNear(int spot) {
    if (nearCountBySpot[spot] != null) {
      return;
    }
    int[] count = new int[size + 1];
    double[] nearKm = new double[size + 1];
    StartPoint home = spots[spot];
    double homePhi = Math.toRadians(home.latitude());
    double homeCosPhi = Math.cos(homePhi);
    double homeLambda = Math.toRadians(home.longitude());
    double radiusTerm = Haversine.termOfKm(AggregationRun.VICINITY_KM);
    for (int i = 0; i < size; i++) {
      TripLog trip = trips[i];
      boolean near = false;
      if (located[i]) {
        double phi = Math.toRadians(trip.startLatitude());
        double term =
            Haversine.term(
                homePhi,
                homeCosPhi,
                phi,
                Math.cos(phi),
                Math.toRadians(trip.startLongitude()) - homeLambda);
        near = term <= radiusTerm;
      }
      count[i + 1] = count[i] + (near ? 1 : 0);
      nearKm[i + 1] = nearKm[i] + (near ? km[i] : 0.0);
    }
    nearCountBySpot[spot] = count;
    nearKmBySpot[spot] = nearKm;
  }
}
