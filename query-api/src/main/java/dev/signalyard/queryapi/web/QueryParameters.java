package dev.signalyard.queryapi.web;

import dev.signalyard.platform.web.Problems.FieldError;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Reads optional query parameters, collecting every bad one into a list so that one 400 problem can
 * name them all. Stateless and thread-safe.
 */
public final class QueryParameters {

  private QueryParameters() {}

  /** {@code value} as an integer in [min, max], {@code fallback} when absent or invalid. */
  public static int integer(
      String field, String value, int fallback, int min, int max, List<FieldError> errors) {
    if (value == null) {
      return fallback;
    }
    try {
      int number = Integer.parseInt(value);
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below like an out-of-range number
    }
    errors.add(new FieldError(field, "must be an integer from " + min + " to " + max));
    return fallback;
  }

  /** {@code value} as an ISO-8601 instant, {@code fallback} when absent, null when invalid. */
  public static Instant instant(
      String field, String value, Instant fallback, List<FieldError> errors) {
    if (value == null) {
      return fallback;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(field, "must be an ISO-8601 instant, e.g. 2026-11-22T10:00:00Z"));
      return null;
    }
  }
}
