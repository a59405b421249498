package dev.signalyard.fleet.roundtrips;

import java.util.Arrays;
import java.util.List;

/**
 * Finds the closest start point to a position, but only among starts within a search radius:
 * aggregation only ever asks whether a trip starts or ends "at" a start (within at most 0.3 km), so
 * the starts are sorted by latitude and only those in the latitude band of the radius are measured.
 *
 * <p>Immutable after construction and thread-safe.
 */
final class StartPointIndex {

  private static final double KM_PER_DEGREE_LATITUDE = Math.PI * Haversine.EARTH_RADIUS_KM / 180.0;

  private final double radiusTerm;
  private final double bandDegrees;
  private final double[] latitudes;
  private final double[] phis;
  private final double[] cosPhis;
  private final double[] lambdas;
  private final int[] originalIndex;

  StartPointIndex(List<StartPoint> starts, double radiusKm) {
    this.radiusTerm = Haversine.termOfKm(radiusKm);
    this.bandDegrees = radiusKm / KM_PER_DEGREE_LATITUDE * 1.001 + 1e-9;
    Integer[] order = new Integer[starts.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order, (a, b) -> Double.compare(starts.get(a).latitude(), starts.get(b).latitude()));
    latitudes = new double[order.length];
    phis = new double[order.length];
    cosPhis = new double[order.length];
    lambdas = new double[order.length];
    originalIndex = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      StartPoint start = starts.get(order[i]);
      latitudes[i] = start.latitude();
      phis[i] = Math.toRadians(start.latitude());
      cosPhis[i] = Math.cos(phis[i]);
      lambdas[i] = Math.toRadians(start.longitude());
      originalIndex[i] = order[i];
    }
  }

  /**
   * The closest start within the radius.
   *
   * @param result receives the distance in km at {@code result[0]} when a start is found
   * @return the start's index in the list given to the constructor, or -1 when none is within the
   *     radius (ties go to the lower index)
   */
  int closest(double latitude, double longitude, double[] result) {
    int best = -1;
    double bestTerm = Double.POSITIVE_INFINITY;
    int i = lowerBound(latitude - bandDegrees);
    if (i < latitudes.length && latitudes[i] <= latitude + bandDegrees) {
      double phi = Math.toRadians(latitude);
      double cosPhi = Math.cos(phi);
      double lambda = Math.toRadians(longitude);
      for (; i < latitudes.length && latitudes[i] <= latitude + bandDegrees; i++) {
        double term = Haversine.term(phi, cosPhi, phis[i], cosPhis[i], lambdas[i] - lambda);
        if (term <= radiusTerm
            && (term < bestTerm || (term == bestTerm && originalIndex[i] < best))) {
          best = originalIndex[i];
          bestTerm = term;
        }
      }
    }
    result[0] = best >= 0 ? Haversine.kmOfTerm(bestTerm) : Double.POSITIVE_INFINITY;
    return best;
  }

  private int lowerBound(double latitude) {
    int lo = 0;
    int hi = latitudes.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (latitudes[mid] < latitude) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
