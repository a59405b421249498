package dev.signalyard.queryapi.fleet.precision;

import dev.signalyard.platform.web.Problems.FieldError;
import dev.signalyard.queryapi.fleet.precision.PrecisionTestState.Spot;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/fleet/precision-tests}: {@code {"locationId": 7, "parkingSpots":
 * [{"latitude": 55.67, "longitude": 12.56}], "from": "2026-10-01"}}. The spots are the location's
 * proposed parking spots (main and additional): they take the place of its stored ones in the test.
 * {@code from} defaults to one month before today.
 *
 * <p>Immutable and thread-safe.
 *
 * @param locationId the location to test
 * @param parkingSpots the proposed spots, at least one
 * @param from first day of the trips to re-aggregate
 */
public record PrecisionTestRequest(long locationId, List<Spot> parkingSpots, LocalDate from) {

  /** Most proposed spots one test takes. */
  static final int MAX_SPOTS = 100;

  /**
   * Reads and validates {@code body}, adding each bad field to {@code errors} (null then).
   *
   * @param oldest the earliest {@code from} allowed (the trips' retention)
   */
  static PrecisionTestRequest parse(
      Map<String, Object> body, LocalDate today, LocalDate oldest, List<FieldError> errors) {
    if (body == null) {
      errors.add(new FieldError("body", "must be a JSON object"));
      return null;
    }
    int before = errors.size();
    Long locationId = null;
    if (body.get("locationId") instanceof Number n && n.doubleValue() == n.longValue()) {
      locationId = n.longValue();
    } else {
      errors.add(new FieldError("locationId", "is required: the id of a location"));
    }
    List<Spot> spots = spots(body.get("parkingSpots"), errors);
    LocalDate from = today.minusMonths(1);
    Object fromValue = body.get("from");
    if (fromValue != null) {
      try {
        from = LocalDate.parse(String.valueOf(fromValue));
        if (from.isAfter(today)) {
          errors.add(new FieldError("from", "must not be in the future"));
        } else if (from.isBefore(oldest)) {
          errors.add(new FieldError("from", "must not be before " + oldest + " (trip retention)"));
        }
      } catch (DateTimeParseException e) {
        errors.add(new FieldError("from", "must be an ISO-8601 date, e.g. 2026-10-01"));
      }
    }
    if (errors.size() > before) {
      return null;
    }
    return new PrecisionTestRequest(locationId, spots, from);
  }

  private static List<Spot> spots(Object value, List<FieldError> errors) {
    List<Spot> spots = new ArrayList<>();
    if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > MAX_SPOTS) {
      errors.add(
          new FieldError(
              "parkingSpots",
              "is required: 1 to " + MAX_SPOTS + " objects with latitude and longitude"));
      return spots;
    }
    for (int i = 0; i < list.size(); i++) {
      String field = "parkingSpots[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> spot)) {
        errors.add(new FieldError(field, "must be an object with latitude and longitude"));
        continue;
      }
      Double latitude = coordinate(field + ".latitude", spot.get("latitude"), 90, errors);
      Double longitude = coordinate(field + ".longitude", spot.get("longitude"), 180, errors);
      if (latitude != null && longitude != null) {
        spots.add(new Spot(latitude, longitude));
      }
    }
    return spots;
  }

  private static Double coordinate(
      String field, Object value, double limit, List<FieldError> errors) {
    if (value instanceof Number n && Math.abs(n.doubleValue()) <= limit) {
      return n.doubleValue();
    }
    errors.add(
        new FieldError(field, "must be a number from -" + (int) limit + " to " + (int) limit));
    return null;
  }
}
