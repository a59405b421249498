package dev.signalyard.queryapi.fleet.trips;

import dev.signalyard.schemas.fleet.Trip;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates uploaded trip rows into Avro trips: every field present and in range, the end after the
 * start, distance not negative, and no (vehicleId, tripId) twice in the file. Any bad row fails the
 * whole file, listing every error.
 *
 * <p>Stateless, thread-safe.
 */
final class TripRows {

  static final List<String> COLUMNS =
      List.of(
          "vehicleId",
          "tripId",
          "startTime",
          "endTime",
          "startLatitude",
          "startLongitude",
          "endLatitude",
          "endLongitude",
          "distanceKm");

  /** The source recorded on uploaded trips. */
  static final String SOURCE = "UPLOAD";

  static final int MAX_TRIP_ID_LENGTH = 200;

  private TripRows() {}

  /**
   * The trips of {@code parsed}.
   *
   * @throws InvalidRowsException listing every error when any row is invalid
   */
  static List<Trip> trips(UploadedRows.Parsed parsed, Instant receivedAt) {
    List<UploadedRows.Row> rows = parsed.rows();
    List<RowError> errors = new ArrayList<>(parsed.errors());
    if (rows.isEmpty() && errors.isEmpty()) {
      throw new InvalidRowsException(List.of(new RowError(0, "body", "holds no trips")));
    }
    Map<String, Integer> firstRowOf = new HashMap<>();
    List<Trip> trips = new ArrayList<>();
    for (UploadedRows.Row row : rows) {
      RowReader reader = new RowReader(row, errors);
      Long vehicleId = reader.integer("vehicleId", 0);
      String tripId = reader.text("tripId", MAX_TRIP_ID_LENGTH);
      Instant start = reader.instant("startTime");
      Instant end = reader.instant("endTime");
      Double startLatitude = reader.number("startLatitude", -90, 90);
      Double startLongitude = reader.number("startLongitude", -180, 180);
      Double endLatitude = reader.number("endLatitude", -90, 90);
      Double endLongitude = reader.number("endLongitude", -180, 180);
      Double distanceKm = reader.number("distanceKm", 0, Double.MAX_VALUE);
      if (start != null && end != null && !end.isAfter(start)) {
        reader.error("endTime", "must be after startTime");
        continue;
      }
      if (vehicleId != null && tripId != null) {
        Integer first = firstRowOf.putIfAbsent(vehicleId + "|" + tripId, row.number());
        if (first != null) {
          reader.error(
              "tripId", "repeats trip " + tripId + " of vehicle " + vehicleId + " in row " + first);
          continue;
        }
      }
      if (errors.isEmpty()) {
        trips.add(
            Trip.newBuilder()
                .setVehicleId(vehicleId)
                .setTripId(tripId)
                .setSource(SOURCE)
                .setStartTime(start)
                .setEndTime(end)
                .setStartLatitude(startLatitude)
                .setStartLongitude(startLongitude)
                .setEndLatitude(endLatitude)
                .setEndLongitude(endLongitude)
                .setDistanceKm(distanceKm)
                .setReceivedAt(receivedAt)
                .build());
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRowsException(errors);
    }
    return trips;
  }
}
