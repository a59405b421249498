package dev.signalyard.fleet.roundtrips;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Aggregates one vehicle's A-to-B trips into roundtrips that leave a home (a location's start
 * point) and come back to it, re-implementing the reference's {@code process_car_roundtrips}.
 *
 * <p>The trips are pre-cleaned ({@link TripPreClean}), then aggregated four times with the home
 * criteria 0.3, 0.2, 0.1 and 0.05 km; each run is scored by 0.4 &times; share of its km in complete
 * roundtrips + 0.2 &times; its km &divide; the raw km up to its last end + 0.4 &times; 1 &divide;
 * mean trips per roundtrip, and the best run is returned (the earlier criterion wins a tie). The
 * rules of one run and every deviation from the reference are in {@code docs/fleet.md}.
 *
 * <p>Thread-safe: the aggregator only holds its immutable settings, and each call works on state of
 * its own, so one instance can serve many vehicles in parallel.
 */
public final class RoundtripAggregator {

  /** The home criteria of the four runs, km, in tie-breaking order. */
  public static final double[] HOME_CRITERIA_KM = {0.3, 0.2, 0.1, 0.05};

  private final AggregationSettings settings;
  private final ForceEndReset forceEndReset;

  /**
   * An aggregator with the given settings.
   *
   * @param settings the settings; {@link AggregationSettings#defaults()} for production
   */
  public RoundtripAggregator(AggregationSettings settings) {
    this(
        settings,
        settings.clearForceEndOnEveryClose()
            ? ForceEndReset.ON_EVERY_CLOSE
            : ForceEndReset.REFERENCE);
  }

  RoundtripAggregator(AggregationSettings settings, ForceEndReset forceEndReset) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.forceEndReset = Objects.requireNonNull(forceEndReset, "forceEndReset");
  }

  /**
   * The best-scoring of the four home-criterion runs, as the reference's {@code
   * process_car_roundtrips}; trips in any order (pre-cleaned inside: sort, overlap rule, &ge; 20
   * days dropped). The last roundtrip is dropped unless complete (#305).
   *
   * @param trips the vehicle's trips, any order
   * @param starts the start points (every location's main spot and additional spots, each carrying
   *     its location's id)
   * @return the roundtrips in time order; trips in no roundtrip are not returned
   */
  public List<AggregatedRoundtrip> aggregate(List<TripLog> trips, List<StartPoint> starts) {
    List<TripLog> cleaned = TripPreClean.sanitiseForOverlaps(trips);
    if (cleaned.isEmpty() || starts.isEmpty()) {
      return List.of();
    }
    TripTable table = new TripTable(cleaned, starts, settings.birdFlight(), HOME_CRITERIA_KM[0]);
    long tripDurationMillis = settings.tripDuration().toMillis();
    List<Chunk> best = List.of();
    double bestScore = Double.NEGATIVE_INFINITY;
    for (double criterion : HOME_CRITERIA_KM) {
      List<Chunk> chunks =
          new AggregationRun(
                  table, criterion, tripDurationMillis, settings.onlyNatural(), forceEndReset)
              .chunks();
      double score = score(table, chunks);
      if (score > bestScore) {
        best = chunks;
        bestScore = score;
      }
    }
    return toRoundtrips(table, best);
  }

  /** The reference's run score; a run without roundtrips scores below every other run. */
  static double score(TripTable table, List<Chunk> chunks) {
    if (chunks.isEmpty()) {
      return -1.0;
    }
    double km = 0;
    double completeKm = 0;
    int logs = 0;
    int lastTrip = 0;
    for (Chunk chunk : chunks) {
      km += chunk.km();
      if (chunk.type() == AggregationType.COMPLETE) {
        completeKm += chunk.km();
      }
      logs += chunk.members().length;
      lastTrip = Math.max(lastTrip, chunk.last());
    }
    double rawKm = table.prefixKm[lastTrip + 1];
    double completeShare = km > 0 ? completeKm / km : 0.0;
    double coveredShare = rawKm > 0 ? km / rawKm : 0.0;
    double inverseMeanLogs = (double) chunks.size() / logs;
    return 0.4 * completeShare + 0.2 * coveredShare + 0.4 * inverseMeanLogs;
  }

  private static List<AggregatedRoundtrip> toRoundtrips(TripTable table, List<Chunk> chunks) {
    List<AggregatedRoundtrip> roundtrips = new ArrayList<>(chunks.size());
    for (Chunk chunk : chunks) {
      TripLog[] members = new TripLog[chunk.members().length];
      for (int i = 0; i < members.length; i++) {
        members[i] = table.trips[chunk.members()[i]];
      }
      roundtrips.add(
          new AggregatedRoundtrip(
              members[0].start(),
              members[members.length - 1].end(),
              chunk.km(),
              chunk.type(),
              chunk.spot() >= 0 ? table.spots[chunk.spot()] : null,
              List.of(members)));
    }
    return roundtrips;
  }
}
