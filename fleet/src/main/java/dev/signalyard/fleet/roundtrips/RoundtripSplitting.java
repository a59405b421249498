package dev.signalyard.fleet.roundtrips;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The two building blocks of the aggregation that the reference tests on their own: {@code
 * split_roundtrip} (cutting a run of trips into chunks at long stops and at a duration limit) and
 * {@code returns_to_home}.
 *
 * <p>{@link #splitRoundtrip} rules, for trips in time order, where a trip's stop is the time from
 * its end to the next trip's start:
 *
 * <ul>
 *   <li>First trip: dropped if its stop is longer than the stop limit and its km are under the
 *       minimum; emitted alone if only its stop is too long; otherwise it starts the chunk.
 *   <li>Each following trip: if the chunk is not empty and the trip's end lies more than the
 *       duration limit after the chunk's start, the chunk is emitted (if its km exceed the minimum)
 *       and the trip starts a new chunk; else if the trip's stop is longer than the stop limit, it
 *       is appended and the chunk is emitted (if its km exceed the minimum) and cleared; else it is
 *       appended.
 *   <li>The last chunk is emitted if it lasts less than the duration limit and its km exceed the
 *       minimum.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class RoundtripSplitting {

  private RoundtripSplitting() {}

  /** Receives the chunks of a split as arrays of trip indices. */
  @FunctionalInterface
  interface ChunkSink {
    void chunk(int[] tripIndices, double km);
  }

  /**
   * Splits a self-contained run of trips; the stop after the last trip counts as zero.
   *
   * @param trips trips in time order
   * @param stopLimit a stop longer than this ends a chunk
   * @param durationLimit a chunk may not last longer than this
   * @param minKm chunks must have more km than this
   * @return the chunks, in time order
   */
  public static List<List<TripLog>> splitRoundtrip(
      List<TripLog> trips, Duration stopLimit, Duration durationLimit, double minKm) {
    int n = trips.size();
    long[] start = new long[n];
    long[] end = new long[n];
    double[] km = new double[n];
    long[] stop = new long[n];
    int[] members = new int[n];
    for (int i = 0; i < n; i++) {
      start[i] = trips.get(i).start().toEpochMilli();
      end[i] = trips.get(i).end().toEpochMilli();
      km[i] = trips.get(i).distanceKm();
      members[i] = i;
    }
    for (int i = 0; i + 1 < n; i++) {
      stop[i] = start[i + 1] - end[i];
    }
    List<List<TripLog>> chunks = new ArrayList<>();
    split(
        members,
        n,
        start,
        end,
        km,
        stop,
        stopLimit.toMillis(),
        durationLimit.toMillis(),
        minKm,
        (indices, chunkKm) -> {
          List<TripLog> chunk = new ArrayList<>(indices.length);
          for (int index : indices) {
            chunk.add(trips.get(index));
          }
          chunks.add(chunk);
        });
    return chunks;
  }

  /**
   * Whether the car comes back to a home's location in time: some trip ending no later than the
   * deadline ends within the criterion of a start of the home's location (the closest such start).
   *
   * @param trips the trips from the one being decided on, in time order
   * @param home the home the open roundtrip is anchored at
   * @param starts all start points of the vehicle's aggregation
   * @param criterionKm the home criterion
   * @param deadline the open roundtrip's start plus its duration limit
   * @return true if the car returns in time
   */
  public static boolean returnsToHome(
      List<TripLog> trips,
      StartPoint home,
      List<StartPoint> starts,
      double criterionKm,
      Instant deadline) {
    StartPointIndex index = new StartPointIndex(starts, criterionKm);
    double[] distance = new double[1];
    for (TripLog trip : trips) {
      if (trip.start().isAfter(deadline)) {
        return false;
      }
      int spot = index.closest(trip.endLatitude(), trip.endLongitude(), distance);
      if (!trip.end().isAfter(deadline)
          && spot >= 0
          && starts.get(spot).locationId() == home.locationId()) {
        return true;
      }
    }
    return false;
  }

  /** The split on trip indices into shared columns; {@code members[0..count)} in time order. */
  static void split(
      int[] members,
      int count,
      long[] start,
      long[] end,
      double[] km,
      long[] stop,
      long stopLimit,
      long durationLimit,
      double minKm,
      ChunkSink sink) {
    if (count == 0) {
      return;
    }
    TripIndexList chunk = new TripIndexList(count);
    double chunkKm = 0;
    int first = members[0];
    if (stop[first] > stopLimit) {
      if (km[first] >= minKm) {
        sink.chunk(new int[] {first}, km[first]);
      }
    } else {
      chunk.add(first);
      chunkKm = km[first];
    }
    for (int p = 1; p < count; p++) {
      int trip = members[p];
      if (!chunk.isEmpty() && end[trip] - start[chunk.get(0)] > durationLimit) {
        if (chunkKm > minKm) {
          sink.chunk(chunk.toArray(), chunkKm);
        }
        chunk.clear();
        chunk.add(trip);
        chunkKm = km[trip];
      } else if (stop[trip] > stopLimit) {
        chunk.add(trip);
        chunkKm += km[trip];
        if (chunkKm > minKm) {
          sink.chunk(chunk.toArray(), chunkKm);
        }
        chunk.clear();
        chunkKm = 0;
      } else {
        chunk.add(trip);
        chunkKm += km[trip];
      }
    }
    if (!chunk.isEmpty()
        && end[chunk.last()] - start[chunk.get(0)] < durationLimit
        && chunkKm > minKm) {
      sink.chunk(chunk.toArray(), chunkKm);
    }
  }
}
