package dev.signalyard.queryapi.fleet.precision;

import dev.signalyard.queryapi.fleet.statistics.FleetViews;
import dev.signalyard.queryapi.fleet.statistics.StatisticsFilter;
import dev.signalyard.schemas.fleet.AggregationType;
import dev.signalyard.schemas.fleet.FleetLocation;
import dev.signalyard.schemas.fleet.FleetVehicle;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The stored precision per location: 100 &times; km of complete roundtrips &divide; km of all
 * (typed) roundtrips that started in the period, over the roundtrips held by {@link FleetViews}
 * (the same formula as {@link dev.signalyard.fleet.roundtrips.Precision#storedPercent}). A
 * roundtrip counts for its start location, or its vehicle's current location when it names none.
 *
 * <p>Thread-safety: stateless apart from the thread-safe views.
 */
public final class StoredPrecision {

  /**
   * One location's stored precision.
   *
   * @param locationId the location
   * @param address its address, when known
   * @param roundtrips roundtrips that started in the period
   * @param completeKm km of the complete ones
   * @param totalKm km of all of them
   * @param precisionPercent 100 &times; completeKm &divide; totalKm (0 without km)
   */
  public record LocationPrecision(
      long locationId,
      String address,
      int roundtrips,
      double completeKm,
      double totalKm,
      double precisionPercent) {}

  /** The stored precision of every location over a period. */
  public record Answer(LocalDate from, LocalDate to, List<LocationPrecision> locations) {}

  private final FleetViews views;

  public StoredPrecision(FleetViews views) {
    this.views = views;
  }

  /**
   * Every known location (zeros when it has no roundtrips) and every location with roundtrips in
   * [from, to], limited to {@code locations} unless empty, by id.
   */
  public Answer of(LocalDate from, LocalDate to, Set<Long> locations) {
    long start = from.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    long end = to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    Map<Long, double[]> sums = new TreeMap<>();
    for (FleetLocation location : views.locations()) {
      sums.put(location.getId(), new double[3]);
    }
    for (long vehicleId : views.roundtrips().vehicleIds()) {
      FleetVehicle vehicle = views.vehicle(vehicleId).orElse(null);
      views
          .roundtrips()
          .forEachStarting(
              vehicleId,
              start,
              end,
              roundtrip -> {
                Long location = StatisticsFilter.locationOf(roundtrip.locationId(), vehicle);
                if (location == null) {
                  return;
                }
                double[] s = sums.computeIfAbsent(location, l -> new double[3]);
                s[0]++;
                s[2] += roundtrip.km();
                if (roundtrip.type() == AggregationType.COMPLETE) {
                  s[1] += roundtrip.km();
                }
              });
    }
    List<LocationPrecision> rows = new ArrayList<>();
    sums.forEach(
        (id, s) -> {
          if (locations.isEmpty() || locations.contains(id)) {
            rows.add(
                new LocationPrecision(
                    id,
                    views.location(id).map(FleetLocation::getAddress).orElse(null),
                    (int) s[0],
                    s[1],
                    s[2],
                    s[2] > 0 ? 100.0 * s[1] / s[2] : 0.0));
          }
        });
    return new Answer(from, to, rows);
  }
}
