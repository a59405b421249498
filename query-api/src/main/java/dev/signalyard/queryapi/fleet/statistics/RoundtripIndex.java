package dev.signalyard.queryapi.fleet.statistics;

import dev.signalyard.schemas.fleet.Roundtrip;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;

/**
 * The stored roundtrips (topic {@code fleet-roundtrips}) per vehicle, sorted by start time, with
 * retractions applied: a roundtrip re-emitted after a late trip replaces the earlier one (same id,
 * same start), one marked {@code deleted} is removed.
 *
 * <p>Memory: one {@link RoundtripFact} per roundtrip, about 150 bytes plus 24 bytes a segment; 500
 * vehicles &times; 2 years &times; 2 roundtrips a day of 3 segments is about 160 MB, so a node that
 * serves the statistics needs a heap to match (the topic itself is bounded by its 731-day
 * retention).
 *
 * <p>Thread-safety: one writer (the view's poll thread) and any number of readers.
 */
public final class RoundtripIndex {

  private final Map<Long, NavigableMap<Long, RoundtripFact>> byVehicle = new ConcurrentHashMap<>();

  /** Applies one record of the topic (null values are ignored: the topic is not compacted). */
  public void apply(Roundtrip roundtrip) {
    if (roundtrip == null) {
      return;
    }
    long start = roundtrip.getStartTime().toEpochMilli();
    if (roundtrip.getDeleted()) {
      NavigableMap<Long, RoundtripFact> roundtrips = byVehicle.get(roundtrip.getVehicleId());
      if (roundtrips != null) {
        roundtrips.computeIfPresent(
            start, (s, stored) -> stored.id().equals(roundtrip.getId()) ? null : stored);
      }
      return;
    }
    byVehicle
        .computeIfAbsent(roundtrip.getVehicleId(), v -> new ConcurrentSkipListMap<>())
        .put(start, RoundtripFact.of(roundtrip));
  }

  /** The vehicles that have any roundtrip. */
  public Set<Long> vehicleIds() {
    return Set.copyOf(byVehicle.keySet());
  }

  /** Calls {@code action} with every roundtrip of {@code vehicleId} starting in [from, to). */
  public void forEachStarting(
      long vehicleId, long fromMillis, long toMillis, Consumer<RoundtripFact> action) {
    NavigableMap<Long, RoundtripFact> roundtrips = byVehicle.get(vehicleId);
    if (roundtrips != null && fromMillis < toMillis) {
      roundtrips.subMap(fromMillis, true, toMillis, false).values().forEach(action);
    }
  }
}
