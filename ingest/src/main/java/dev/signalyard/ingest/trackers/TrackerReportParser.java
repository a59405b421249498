package dev.signalyard.ingest.trackers;

import dev.signalyard.ingest.web.StrictJsonObjects;
import dev.signalyard.platform.web.InvalidRequestException;
import dev.signalyard.platform.web.Problems.FieldError;
import dev.signalyard.schemas.devices.TrackerReport;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Reads one tracker report, a JSON object, into a {@link TrackerReport}, or rejects it naming every
 * bad field.
 *
 * <p>Fields: {@code id} (1–128 characters), {@code time} (ISO-8601 with a zone offset or {@code
 * Z}), {@code lat} (−90..90), {@code lon} (−180..180), and optional {@code altitude} (m), {@code
 * speed} (knots, ≥ 0), {@code course} (degrees true, 0..360), {@code accuracy} (m, ≥ 0), {@code
 * battery} (percent, 0..100) and {@code attributes} (an object; string, number and boolean values
 * are kept as text, nested values as their JSON). Numbers must be JSON numbers. Any other field is
 * refused, so that a misspelt field is reported rather than silently lost. Duplicate keys are
 * refused, as it is unclear which value is meant.
 *
 * <p>Thread-safe: immutable; the clock is only read, and JSON is read by the stateless {@link
 * StrictJsonObjects}.
 */
final class TrackerReportParser {

  static final int MAX_ID_LENGTH = 128;
  private static final Set<String> KNOWN =
      Set.of(
          "id",
          "time",
          "lat",
          "lon",
          "altitude",
          "speed",
          "course",
          "accuracy",
          "battery",
          "attributes");

  private final Clock clock;

  TrackerReportParser(Clock clock) {
    this.clock = clock;
  }

  /**
   * Parses one report from JSON bytes; throws {@link InvalidRequestException} listing every bad
   * field, or naming {@code body} when the bytes are not one JSON object.
   */
  TrackerReport parse(byte[] bytes, int offset, int length, String source) {
    JsonNode node = StrictJsonObjects.read(bytes, offset, length, "report");
    return parse(node, source);
  }

  private TrackerReport parse(JsonNode node, String source) {
    List<FieldError> errors = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (!KNOWN.contains(field.getKey())) {
        errors.add(
            new FieldError(
                field.getKey(), "is not a known field; put free values in 'attributes'"));
      }
    }
    String id = id(node.get("id"), errors);
    OffsetDateTime time = time(node.get("time"), errors);
    Double lat = number(node, "lat", -90, 90, true, errors);
    Double lon = number(node, "lon", -180, 180, true, errors);
    Double altitude = number(node, "altitude", -Double.MAX_VALUE, Double.MAX_VALUE, false, errors);
    Double speed = number(node, "speed", 0, Double.MAX_VALUE, false, errors);
    Double course = number(node, "course", 0, 360, false, errors);
    Double accuracy = number(node, "accuracy", 0, Double.MAX_VALUE, false, errors);
    Double battery = number(node, "battery", 0, 100, false, errors);
    Map<String, String> attributes = attributes(node.get("attributes"), errors);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return TrackerReport.newBuilder()
        .setId(UUID.randomUUID().toString())
        .setReceivedAt(clock.instant())
        .setSource(source)
        .setDeviceId(id)
        .setTime(time.toInstant())
        .setLatitude(lat)
        .setLongitude(lon)
        .setAltitudeMeters(altitude)
        .setSpeedKnots(speed)
        .setCourseDegrees(course)
        .setAccuracyMeters(accuracy)
        .setBatteryPercent(battery)
        .setAttributes(attributes)
        .build();
  }

  private static String id(JsonNode value, List<FieldError> errors) {
    if (value == null || value.isNull()) {
      errors.add(new FieldError("id", "is required"));
      return null;
    }
    if (!value.isString()
        || value.stringValue().isBlank()
        || value.stringValue().length() > MAX_ID_LENGTH
        || value.stringValue().chars().anyMatch(Character::isISOControl)) {
      errors.add(
          new FieldError(
              "id",
              "must be a string of 1 to "
                  + MAX_ID_LENGTH
                  + " characters without control characters"));
      return null;
    }
    return value.stringValue();
  }

  private static OffsetDateTime time(JsonNode value, List<FieldError> errors) {
    if (value == null || value.isNull()) {
      errors.add(new FieldError("time", "is required"));
      return null;
    }
    if (value.isString()) {
      try {
        return OffsetDateTime.parse(value.stringValue());
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    errors.add(
        new FieldError(
            "time",
            "must be an ISO-8601 date-time with a zone offset, e.g. '2026-11-22T10:00:00Z', got "
                + value));
    return null;
  }

  private static Double number(
      JsonNode node,
      String name,
      double min,
      double max,
      boolean required,
      List<FieldError> errors) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      if (required) {
        errors.add(new FieldError(name, "is required"));
      }
      return null;
    }
    if (value.isNumber() && Double.isFinite(value.doubleValue())) {
      double parsed = value.doubleValue();
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    }
    String range =
        max == Double.MAX_VALUE
            ? (min == -Double.MAX_VALUE ? "" : " of at least " + fmt(min))
            : " from " + fmt(min) + " to " + fmt(max);
    errors.add(new FieldError(name, "must be a number" + range + ", got " + value));
    return null;
  }

  private static Map<String, String> attributes(JsonNode value, List<FieldError> errors) {
    Map<String, String> attributes = new LinkedHashMap<>();
    if (value == null || value.isNull()) {
      return attributes;
    }
    if (!value.isObject()) {
      errors.add(new FieldError("attributes", "must be a JSON object"));
      return attributes;
    }
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      JsonNode v = entry.getValue();
      if (v.isNull()) {
        continue;
      }
      attributes.put(entry.getKey(), v.isString() ? v.stringValue() : v.toString());
    }
    return attributes;
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
