package dev.signalyard.queryapi.fleet.trips;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Reads typed values from one {@link UploadedRows.Row}, adding a {@link RowError} for each missing
 * or bad value and returning null for it, so that every problem of every row can be reported at
 * once. CSV cells are text to parse; JSON properties must have the JSON type of the value.
 *
 * <p>Not thread-safe: one reader per row, all adding to one error list.
 */
final class RowReader {

  private final UploadedRows.Row row;
  private final List<RowError> errors;

  RowReader(UploadedRows.Row row, List<RowError> errors) {
    this.row = row;
    this.errors = errors;
  }

  int number() {
    return row.number();
  }

  void error(String field, String message) {
    errors.add(new RowError(row.number(), field, message));
  }

  /** A whole number in {@code [min, Long.MAX_VALUE]}. */
  Long integer(String field, long min) {
    Object value = present(field);
    if (value == null) {
      return null;
    }
    Long parsed = null;
    if (value instanceof String text) {
      try {
        parsed = Long.parseLong(text);
      } catch (NumberFormatException e) {
        parsed = null;
      }
    } else if (value instanceof JsonNode node
        && node.isIntegralNumber()
        && node.canConvertToLong()) {
      parsed = node.asLong();
    }
    if (parsed == null) {
      error(field, "must be a whole number");
      return null;
    }
    if (parsed < min) {
      error(field, "must be at least " + min);
      return null;
    }
    return parsed;
  }

  /** A finite number in {@code [min, max]}. */
  Double number(String field, double min, double max) {
    Object value = present(field);
    if (value == null) {
      return null;
    }
    Double parsed = null;
    if (value instanceof String text) {
      try {
        parsed = Double.parseDouble(text);
      } catch (NumberFormatException e) {
        parsed = null;
      }
    } else if (value instanceof JsonNode node && node.isNumber()) {
      parsed = node.asDouble();
    }
    if (parsed == null || !Double.isFinite(parsed)) {
      error(field, "must be a number");
      return null;
    }
    if (parsed < min || parsed > max) {
      error(field, "must be between " + min + " and " + max);
      return null;
    }
    return parsed;
  }

  /** An ISO-8601 instant, e.g. {@code 2024-03-31T01:20:00Z} or with an offset. */
  Instant instant(String field) {
    String text = text(field, "an ISO-8601 instant");
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      error(field, "must be an ISO-8601 instant such as 2024-03-31T01:20:00Z");
      return null;
    }
  }

  /** A non-blank text of at most {@code maxLength} characters. */
  String text(String field, int maxLength) {
    String text = text(field, "text");
    if (text == null) {
      return null;
    }
    if (text.isBlank()) {
      error(field, "must not be blank");
      return null;
    }
    if (text.length() > maxLength) {
      error(field, "must be at most " + maxLength + " characters");
      return null;
    }
    return text;
  }

  /** true or false; in CSV also 1 or 0. */
  Boolean bool(String field) {
    Object value = present(field);
    if (value == null) {
      return null;
    }
    if (value instanceof JsonNode node && node.isBoolean()) {
      return node.asBoolean();
    }
    if (value instanceof String text) {
      switch (text.toLowerCase(Locale.ROOT)) {
        case "true", "1":
          return true;
        case "false", "0":
          return false;
        default:
          break;
      }
    }
    error(field, "must be true or false");
    return null;
  }

  private String text(String field, String kind) {
    Object value = present(field);
    if (value == null) {
      return null;
    }
    if (value instanceof String text) {
      return text;
    }
    if (value instanceof JsonNode node && node.isString()) {
      return node.asString();
    }
    error(field, "must be " + kind + " in a JSON string");
    return null;
  }

  private Object present(String field) {
    Object value = row.cells().get(field);
    if (value == null
        || (value instanceof String text && text.isEmpty())
        || (value instanceof JsonNode node && node.isNull())) {
      error(field, "is required");
      return null;
    }
    return value;
  }
}
