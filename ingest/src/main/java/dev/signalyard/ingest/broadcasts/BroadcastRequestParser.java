package dev.signalyard.ingest.broadcasts;

import dev.signalyard.ingest.broadcasts.proto.BroadcastType;
import dev.signalyard.ingest.web.StrictJsonObjects;
import dev.signalyard.platform.web.InvalidRequestException;
import dev.signalyard.platform.web.Problems.FieldError;
import dev.signalyard.schemas.broadcasts.Broadcast;
import dev.signalyard.schemas.broadcasts.BroadcastSeverity;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Parses one posted run-control message: {@code {"session", "source", "text"}} required, {@code
 * type} (default TEXT_MESSAGE), {@code severity} (default: the type's severity as for drunc
 * broadcasts, INFO for other types), {@code time} (ISO-8601 with offset; default the time received)
 * and {@code details} (object of strings) optional. Unknown fields are refused, so a typo is not
 * silently dropped.
 *
 * <p>Thread-safety: immutable; JSON is read by the stateless {@link StrictJsonObjects}.
 */
final class BroadcastRequestParser {

  static final int MAX_NAME_LENGTH = 200;
  static final int MAX_TEXT_LENGTH = 64 * 1024;
  static final String DEFAULT_TYPE = "TEXT_MESSAGE";

  private static final Set<String> KNOWN =
      Set.of("session", "source", "type", "severity", "text", "time", "details");

  private final BroadcastSeverities severities;
  private final Clock clock;

  BroadcastRequestParser(BroadcastSeverities severities, Clock clock) {
    this.severities = severities;
    this.clock = clock;
  }

  /** Parses one message; {@link InvalidRequestException} lists every bad field. */
  Broadcast parse(byte[] bytes, int offset, int length, String poster) {
    JsonNode node = StrictJsonObjects.read(bytes, offset, length, "message");
    List<FieldError> errors = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (!KNOWN.contains(field.getKey())) {
        errors.add(
            new FieldError(field.getKey(), "is not a known field; put free values in 'details'"));
      }
    }
    String session = name(node, "session", true, errors);
    String source = name(node, "source", true, errors);
    String type = name(node, "type", false, errors);
    type = type == null ? DEFAULT_TYPE : type.toUpperCase(Locale.ROOT);
    String text = text(node.get("text"), errors);
    BroadcastSeverity severity = severity(node.get("severity"), type, errors);
    Instant time = time(node.get("time"), errors);
    Map<String, String> details = details(node.get("details"), errors);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    details.put("postedBy", poster);
    return Broadcast.newBuilder()
        .setId(UUID.randomUUID().toString())
        .setSession(session)
        .setSource(source)
        .setType(type)
        .setSeverity(severity)
        .setText(text)
        .setTime(time)
        .setDetails(details)
        .build();
  }

  private static String name(
      JsonNode node, String field, boolean required, List<FieldError> errors) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        errors.add(new FieldError(field, "is required"));
      }
      return null;
    }
    if (!value.isString()
        || value.stringValue().isBlank()
        || value.stringValue().length() > MAX_NAME_LENGTH
        || value.stringValue().chars().anyMatch(Character::isISOControl)) {
      errors.add(
          new FieldError(
              field,
              "must be a string of 1 to "
                  + MAX_NAME_LENGTH
                  + " characters without control characters"));
      return null;
    }
    return value.stringValue();
  }

  private static String text(JsonNode value, List<FieldError> errors) {
    if (value == null || value.isNull()) {
      errors.add(new FieldError("text", "is required"));
      return null;
    }
    if (!value.isString() || value.stringValue().length() > MAX_TEXT_LENGTH) {
      errors.add(
          new FieldError("text", "must be a string of at most " + MAX_TEXT_LENGTH + " characters"));
      return null;
    }
    return value.stringValue();
  }

  private BroadcastSeverity severity(JsonNode value, String type, List<FieldError> errors) {
    if (value == null || value.isNull()) {
      try {
        return severities.of(BroadcastType.valueOf(type));
      } catch (IllegalArgumentException e) {
        return BroadcastSeverity.INFO;
      }
    }
    BroadcastSeverity severity =
        value.isString() ? BroadcastSeverities.parseStrict(value.stringValue()) : null;
    if (severity == null) {
      errors.add(
          new FieldError("severity", "must be DEBUG, INFO, WARNING, ERROR, FATAL or CRITICAL"));
    }
    return severity;
  }

  private Instant time(JsonNode value, List<FieldError> errors) {
    if (value == null || value.isNull()) {
      return clock.instant();
    }
    try {
      if (value.isString()) {
        return OffsetDateTime.parse(value.stringValue()).toInstant();
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    errors.add(
        new FieldError("time", "must be an ISO-8601 time with offset, e.g. 2026-11-22T10:00:00Z"));
    return null;
  }

  private static Map<String, String> details(JsonNode value, List<FieldError> errors) {
    Map<String, String> details = new LinkedHashMap<>();
    if (value == null || value.isNull()) {
      return details;
    }
    if (!value.isObject()) {
      errors.add(new FieldError("details", "must be an object of strings"));
      return details;
    }
    for (Map.Entry<String, JsonNode> e : value.properties()) {
      if (!e.getValue().isString()) {
        errors.add(new FieldError("details." + e.getKey(), "must be a string"));
      } else {
        details.put(e.getKey(), e.getValue().stringValue());
      }
    }
    return details;
  }
}
