package dev.signalyard.fleet.roundtrips;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One aggregation pass over a vehicle's trips with one home criterion: the reference's {@code
 * aggregator} main loop followed by its post-processing. The rules are listed in {@code
 * docs/fleet.md}; the comments here say which rule a branch is.
 *
 * <p>Not thread-safe: a run is created, used once through {@link #chunks()} and dropped.
 */
final class AggregationRun {

  static final long STOP_LIMIT_MILLIS = 45L * 60_000;
  static final double MIN_ROUNDTRIP_KM = 0.1;
  static final double VICINITY_KM = 5.0;
  static final double VICINITY_LOG_RATIO = 0.5;
  static final double VICINITY_KM_RATIO = 0.6;
  static final long ALTERNATIVE_DURATION_MILLIS = 10L * 3_600_000;
  static final double MIN_AVERAGE_SPEED_KMH = 0.2;
  static final int REAGGREGATION_MIN_LOGS = 5;

  private final TripTable table;
  private final double criterionKm;
  private final long tripDurationMillis;
  private final boolean onlyNatural;
  private final ForceEndReset forceEndReset;

  // Main-loop state.
  private final List<Chunk> out = new ArrayList<>();
  private final TripIndexList buffer;
  private final TripIndexList open;
  private double openKm;
  private int homeSpot = -1;
  private long roundtripStart;
  private long limit;
  private boolean forceEnd;

  /** In a re-aggregation pass only this location counts as a home; -1 in the main pass. */
  private int onlyLocation = -1;

  // Sliding window of start counts per location for the "more frequent start" rule.
  private final int[] windowCounts;
  private int windowLow;
  private int windowHigh;

  AggregationRun(
      TripTable table,
      double criterionKm,
      long tripDurationMillis,
      boolean onlyNatural,
      ForceEndReset forceEndReset) {
    this.table = table;
    this.criterionKm = criterionKm;
    this.tripDurationMillis = tripDurationMillis;
    this.onlyNatural = onlyNatural;
    this.forceEndReset = forceEndReset;
    this.buffer = new TripIndexList(16);
    this.open = new TripIndexList(16);
    this.windowCounts = new int[table.locationCount];
  }

  /** Runs the pass and returns its roundtrips in time order. */
  List<Chunk> chunks() {
    int[] all = new int[table.size];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    List<Chunk> chunks = mainLoop(all, -1);
    if (!onlyNatural) {
      chunks = reaggregateByMostFrequentLocation(chunks);
      chunks = forcefullySplit(chunks);
    }
    chunks = recoverInbetween(chunks);
    if (!chunks.isEmpty() && chunks.get(chunks.size() - 1).type() != AggregationType.COMPLETE) {
      chunks.remove(chunks.size() - 1);
    }
    return chunks;
  }

  private List<Chunk> mainLoop(int[] order, int homeLocation) {
    out.clear();
    buffer.clear();
    open.clear();
    openKm = 0;
    homeSpot = -1;
    forceEnd = false;
    onlyLocation = homeLocation;
    windowLow = 0;
    windowHigh = 0;
    Arrays.fill(windowCounts, 0);

    for (int p = 0; p < order.length; p++) {
      int trip = order[p];
      if (!table.located[trip]) {
        continue;
      }
      int startHome = homeSpotAt(table.startSpot[trip], table.startSpotKm[trip]);
      if (open.isEmpty()) {
        startOrBuffer(trip, startHome);
      } else {
        continueOpen(order, p, trip, startHome);
      }
    }
    if (!open.isEmpty()
        && endsAtLocation(open.last(), table.spotLocation[homeSpot])
        && openKm > MIN_ROUNDTRIP_KM) {
      emit(AggregationType.COMPLETE);
    }
    return new ArrayList<>(out);
  }

  /** No roundtrip is open: the trip opens one if it starts at a home, else it is buffered. */
  private void startOrBuffer(int trip, int startHome) {
    if (startHome < 0) {
      buffer.add(trip);
      return;
    }
    flushBuffer();
    if (onlyLocation < 0 && anotherStartMoreFrequent(trip, startHome)) {
      buffer.add(trip);
      return;
    }
    if (endsAtLocation(trip, table.spotLocation[startHome]) && table.km[trip] <= MIN_ROUNDTRIP_KM) {
      return;
    }
    openAt(trip, startHome);
  }

  /** A roundtrip is open: rules a to d, the first that matches applies. */
  private void continueOpen(int[] order, int p, int trip, int startHome) {
    int homeLocation = table.spotLocation[homeSpot];
    // a. The open roundtrip already lasts longer than its limit.
    if (table.end[open.last()] - roundtripStart > limit) {
      emitSplit(open, AggregationType.TOO_LONG, homeSpot, limit);
      close(AggregationType.TOO_LONG);
      if (startHome >= 0) {
        openAt(trip, startHome);
      } else {
        buffer.add(trip);
      }
      return;
    }
    boolean atHome = startHome >= 0 && table.spotLocation[startHome] == homeLocation;
    // b. Back at home (or the previous trip ended near home): the roundtrip is complete.
    if ((atHome || forceEnd) && openKm > MIN_ROUNDTRIP_KM) {
      int nextHome = startHome >= 0 ? startHome : homeSpot;
      int completedHome = homeSpot;
      emit(AggregationType.COMPLETE);
      close(AggregationType.COMPLETE);
      if (forceEndReset == ForceEndReset.REFERENCE && !atHome) {
        forceEnd = false;
      }
      if (endsAtLocation(trip, homeLocation) && table.km[trip] > MIN_ROUNDTRIP_KM) {
        out.add(
            new Chunk(new int[] {trip}, table.km[trip], AggregationType.COMPLETE, completedHome));
      } else {
        openAt(trip, nextHome);
      }
      return;
    }
    // c. Starts at another home and does not come back to this one in time.
    if (startHome >= 0
        && !atHome
        && !returnsToHome(order, p, homeLocation, roundtripStart + limit)) {
      emit(AggregationType.LOCATION_CHANGE);
      close(AggregationType.LOCATION_CHANGE);
      openAt(trip, startHome);
      return;
    }
    // d. An ordinary leg of the open roundtrip.
    open.add(trip);
    openKm += table.km[trip];
    forceEnd = endsAtLocation(trip, homeLocation);
  }

  private void openAt(int trip, int spot) {
    open.clear();
    open.add(trip);
    openKm = table.km[trip];
    homeSpot = spot;
    roundtripStart = table.start[trip];
    limit = inVicinity(trip, spot) ? ALTERNATIVE_DURATION_MILLIS : tripDurationMillis;
  }

  private void emit(AggregationType type) {
    out.add(new Chunk(open.toArray(), openKm, type, homeSpot));
  }

  private void close(AggregationType type) {
    open.clear();
    openKm = 0;
    if (forceEndReset == ForceEndReset.ON_EVERY_CLOSE
        || (forceEndReset == ForceEndReset.ON_COMPLETE && type == AggregationType.COMPLETE)) {
      forceEnd = false;
    }
  }

  private void flushBuffer() {
    if (!buffer.isEmpty()) {
      emitSplit(buffer, AggregationType.INBETWEEN, -1, tripDurationMillis);
      buffer.clear();
    }
  }

  private void emitSplit(TripIndexList trips, AggregationType type, int spot, long durationLimit) {
    splitInto(trips.toArray(), type, spot, durationLimit, out);
  }

  private void splitInto(
      int[] trips, AggregationType type, int spot, long durationLimit, List<Chunk> target) {
    RoundtripSplitting.split(
        trips,
        trips.length,
        table.start,
        table.end,
        table.km,
        table.stop,
        STOP_LIMIT_MILLIS,
        durationLimit,
        MIN_ROUNDTRIP_KM,
        (members, km) -> target.add(new Chunk(members, km, type, spot)));
  }

  private int homeSpotAt(int spot, double km) {
    if (spot < 0 || km > criterionKm) {
      return -1;
    }
    if (onlyLocation >= 0 && table.spotLocation[spot] != onlyLocation) {
      return -1;
    }
    return spot;
  }

  private boolean endsAtLocation(int trip, int location) {
    int spot = table.endSpot[trip];
    return spot >= 0
        && table.endSpotKm[trip] <= criterionKm
        && table.spotLocation[spot] == location;
  }

  /** The 10-hour rule: mostly local driving around this home within the window. */
  private boolean inVicinity(int trip, int spot) {
    int windowEnd = table.firstStartAfter(trip, table.start[trip] + tripDurationMillis);
    int logs = windowEnd - trip;
    double km = table.prefixKm[windowEnd] - table.prefixKm[trip];
    int nearLogs = table.nearCount(spot, trip, windowEnd);
    double nearKm = table.nearKm(spot, trip, windowEnd);
    return nearLogs > VICINITY_LOG_RATIO * logs && nearKm > VICINITY_KM_RATIO * km;
  }

  /**
   * Whether another location has strictly more trip starts than this home in [trip start, trip
   * start + trip duration]; trips are asked in increasing order within a pass, so the counts are a
   * sliding window.
   */
  private boolean anotherStartMoreFrequent(int trip, int startHome) {
    long windowEndMillis = table.start[trip] + tripDurationMillis;
    while (windowHigh < table.size && table.start[windowHigh] <= windowEndMillis) {
      countStart(windowHigh, 1);
      windowHigh++;
    }
    while (windowLow < trip) {
      if (windowLow < windowHigh) {
        countStart(windowLow, -1);
      }
      windowLow++;
    }
    int homeLocation = table.spotLocation[startHome];
    int homeCount = windowCounts[homeLocation];
    for (int location = 0; location < windowCounts.length; location++) {
      if (location != homeLocation && windowCounts[location] > homeCount) {
        return true;
      }
    }
    return false;
  }

  private void countStart(int trip, int delta) {
    if (!table.located[trip]) {
      return;
    }
    int spot = homeSpotAt(table.startSpot[trip], table.startSpotKm[trip]);
    if (spot >= 0) {
      windowCounts[table.spotLocation[spot]] += delta;
    }
  }

  private boolean returnsToHome(int[] order, int from, int homeLocation, long deadline) {
    for (int q = from; q < order.length; q++) {
      int trip = order[q];
      if (table.start[trip] > deadline) {
        return false;
      }
      if (table.end[trip] <= deadline && endsAtLocation(trip, homeLocation)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Roundtrips over 10 hours with at least 5 trips, more of which start at another location than at
   * their own home, are aggregated again with that most frequent location as the only home.
   */
  private List<Chunk> reaggregateByMostFrequentLocation(List<Chunk> chunks) {
    List<Chunk> result = new ArrayList<>(chunks.size());
    int[] counts = new int[table.locationCount];
    for (Chunk chunk : chunks) {
      int dominant = dominatingLocation(chunk, counts);
      if (dominant < 0) {
        result.add(chunk);
      } else {
        result.addAll(mainLoop(chunk.members(), dominant));
      }
    }
    return result;
  }

  private int dominatingLocation(Chunk chunk, int[] counts) {
    if (chunk.members().length < REAGGREGATION_MIN_LOGS
        || table.end[chunk.last()] - table.start[chunk.first()] <= ALTERNATIVE_DURATION_MILLIS
        || counts.length == 0) {
      return -1;
    }
    Arrays.fill(counts, 0);
    for (int trip : chunk.members()) {
      int spot = homeSpotAt(table.startSpot[trip], table.startSpotKm[trip]);
      if (table.located[trip] && spot >= 0) {
        counts[table.spotLocation[spot]]++;
      }
    }
    int mostFrequent = 0;
    for (int location = 1; location < counts.length; location++) {
      if (counts[location] > counts[mostFrequent]) {
        mostFrequent = location;
      }
    }
    int own = chunk.spot() >= 0 ? table.spotLocation[chunk.spot()] : -1;
    int ownCount = own >= 0 ? counts[own] : 0;
    return mostFrequent != own && counts[mostFrequent] > ownCount ? mostFrequent : -1;
  }

  /**
   * Implausibly slow roundtrips and long non-complete ones are cut at stops and at 10 hours into
   * forcefully split pieces (inbetween chunks into inbetween pieces).
   */
  private List<Chunk> forcefullySplit(List<Chunk> chunks) {
    List<Chunk> result = new ArrayList<>(chunks.size());
    for (Chunk chunk : chunks) {
      long millis = table.end[chunk.last()] - table.start[chunk.first()];
      double hours = millis / 3_600_000.0;
      boolean slow = hours > 0 && chunk.km() / hours < MIN_AVERAGE_SPEED_KMH;
      boolean longIncomplete =
          chunk.type() != AggregationType.COMPLETE && millis > ALTERNATIVE_DURATION_MILLIS;
      if (slow || longIncomplete) {
        // Inbetween chunks have no home to have been forced from: their pieces stay inbetween.
        AggregationType pieces =
            chunk.type() == AggregationType.INBETWEEN
                ? AggregationType.INBETWEEN
                : AggregationType.FORCEFULLY_SPLIT;
        splitInto(chunk.members(), pieces, chunk.spot(), ALTERNATIVE_DURATION_MILLIS, result);
      } else {
        result.add(chunk);
      }
    }
    return result;
  }

  /**
   * Trips no roundtrip took, lying before the end of the last roundtrip and outside every
   * roundtrip's time span, become inbetween roundtrips, cut where a stop exceeds 45 minutes.
   */
  private List<Chunk> recoverInbetween(List<Chunk> chunks) {
    if (chunks.isEmpty()) {
      return chunks;
    }
    int lastCovered = -1;
    int[] spanDelta = new int[table.size + 1];
    boolean[] taken = new boolean[table.size];
    for (Chunk chunk : chunks) {
      lastCovered = Math.max(lastCovered, chunk.last());
      spanDelta[chunk.first()]++;
      spanDelta[chunk.last() + 1]--;
      for (int trip : chunk.members()) {
        taken[trip] = true;
      }
    }
    List<Chunk> result = new ArrayList<>(chunks);
    TripIndexList run = new TripIndexList(8);
    double runKm = 0;
    int insideSpans = 0;
    for (int trip = 0; trip <= lastCovered; trip++) {
      insideSpans += spanDelta[trip];
      boolean free = !taken[trip] && insideSpans == 0;
      if (free
          && !run.isEmpty()
          && table.stop[run.last()] <= STOP_LIMIT_MILLIS
          && run.last() == trip - 1) {
        run.add(trip);
        runKm += table.km[trip];
        continue;
      }
      if (!run.isEmpty()) {
        result.add(new Chunk(run.toArray(), runKm, AggregationType.INBETWEEN, -1));
        run.clear();
        runKm = 0;
      }
      if (free) {
        run.add(trip);
        runKm = table.km[trip];
      }
    }
    if (!run.isEmpty()) {
      result.add(new Chunk(run.toArray(), runKm, AggregationType.INBETWEEN, -1));
    }
    if (result.size() > chunks.size()) {
      result.sort(Comparator.comparingInt(Chunk::first));
    }
    return result;
  }
}
