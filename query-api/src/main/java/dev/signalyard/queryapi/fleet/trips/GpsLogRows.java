package dev.signalyard.queryapi.fleet.trips;

import dev.signalyard.fleet.roundtrips.GpsPoint;
import dev.signalyard.fleet.roundtrips.LogsToTrips;
import dev.signalyard.fleet.roundtrips.TripLog;
import dev.signalyard.schemas.fleet.Trip;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Validates uploaded raw GPS points (vehicleId, time, latitude, longitude, ignition) and turns each
 * vehicle's points into trips with {@link LogsToTrips}, the reference's {@code logs_to_trips}. A
 * vehicle may not have two points at the same time in one file. Any bad row fails the whole file.
 *
 * <p>Stateless, thread-safe.
 */
final class GpsLogRows {

  static final List<String> COLUMNS =
      List.of("vehicleId", "time", "latitude", "longitude", "ignition");

  /** The source recorded on trips made from raw points; also their id prefix. */
  static final String SOURCE = "GPS_LOGS";

  private GpsLogRows() {}

  /** What a file of points became. */
  record Result(int points, int vehicles, List<Trip> trips) {}

  /**
   * The trips in {@code parsed}, vehicle by vehicle in id order, each vehicle's in time order.
   *
   * @throws InvalidRowsException listing every error when any row is invalid
   */
  static Result trips(UploadedRows.Parsed parsed, Instant receivedAt) {
    List<UploadedRows.Row> rows = parsed.rows();
    List<RowError> errors = new ArrayList<>(parsed.errors());
    if (rows.isEmpty() && errors.isEmpty()) {
      throw new InvalidRowsException(List.of(new RowError(0, "body", "holds no points")));
    }
    Map<Long, List<GpsPoint>> pointsByVehicle = new TreeMap<>();
    Map<String, Integer> firstRowOf = new HashMap<>();
    for (UploadedRows.Row row : rows) {
      RowReader reader = new RowReader(row, errors);
      Long vehicleId = reader.integer("vehicleId", 0);
      Instant time = reader.instant("time");
      Double latitude = reader.number("latitude", -90, 90);
      Double longitude = reader.number("longitude", -180, 180);
      Boolean ignition = reader.bool("ignition");
      if (vehicleId == null
          || time == null
          || latitude == null
          || longitude == null
          || ignition == null) {
        continue;
      }
      Integer first = firstRowOf.putIfAbsent(vehicleId + "|" + time, row.number());
      if (first != null) {
        reader.error(
            "time",
            "repeats the point of vehicle " + vehicleId + " at " + time + " in row " + first);
        continue;
      }
      pointsByVehicle
          .computeIfAbsent(vehicleId, v -> new ArrayList<>())
          .add(new GpsPoint(time, latitude, longitude, ignition));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRowsException(errors);
    }
    List<Trip> trips = new ArrayList<>();
    pointsByVehicle.forEach(
        (vehicleId, points) -> {
          for (TripLog log : LogsToTrips.trips(SOURCE, points)) {
            trips.add(
                Trip.newBuilder()
                    .setVehicleId(vehicleId)
                    .setTripId(log.id())
                    .setSource(SOURCE)
                    .setStartTime(log.start())
                    .setEndTime(log.end())
                    .setStartLatitude(log.startLatitude())
                    .setStartLongitude(log.startLongitude())
                    .setEndLatitude(log.endLatitude())
                    .setEndLongitude(log.endLongitude())
                    .setDistanceKm(log.distanceKm())
                    .setReceivedAt(receivedAt)
                    .build());
          }
        });
    return new Result(rows.size(), pointsByVehicle.size(), trips);
  }
}
