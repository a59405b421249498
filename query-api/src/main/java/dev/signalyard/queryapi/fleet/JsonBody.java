package dev.signalyard.queryapi.fleet;

import dev.signalyard.platform.web.InvalidRequestException;
import dev.signalyard.platform.web.Problems.FieldError;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads typed fields of a JSON object body, collecting every bad field so that one 400 problem can
 * name them all. Absent and {@code null} fields read as {@code null}; {@link #has} tells them from
 * each other (a PATCH clears a field with {@code null}).
 *
 * <p>Thread-safety: not thread-safe; one instance reads one request body.
 */
final class JsonBody {

  private final Map<String, Object> body;
  private final String prefix;
  private final List<FieldError> errors;

  private JsonBody(Map<String, Object> body, String prefix, List<FieldError> errors) {
    this.body = body;
    this.prefix = prefix;
    this.errors = errors;
  }

  /** A reader of {@code body} that reports any field outside {@code known}. */
  static JsonBody of(Map<String, Object> body, Set<String> known) {
    List<FieldError> errors = new ArrayList<>();
    if (body == null) {
      errors.add(new FieldError("body", "must be a JSON object"));
      throw new InvalidRequestException(errors);
    }
    JsonBody reader = new JsonBody(body, "", errors);
    reader.rejectUnknown(known);
    return reader;
  }

  /** A reader of a nested object, reporting into the same error list with a field prefix. */
  JsonBody nested(String field, Map<String, Object> value, Set<String> known) {
    JsonBody reader = new JsonBody(value, name(field) + ".", errors);
    reader.rejectUnknown(known);
    return reader;
  }

  private void rejectUnknown(Set<String> known) {
    body.keySet().stream()
        .filter(field -> !known.contains(field))
        .sorted()
        .forEach(field -> error(field, "is not a known field"));
  }

  /** Reports each of {@code fields} that is absent or {@code null} as required. */
  void require(String... fields) {
    for (String field : fields) {
      if (body.get(field) == null) {
        error(field, "is required");
      }
    }
  }

  /** Reports each of {@code fields} that is present but {@code null}. */
  void rejectNull(Iterable<String> fields) {
    for (String field : fields) {
      if (body.containsKey(field) && body.get(field) == null) {
        error(field, "must not be null");
      }
    }
  }

  boolean has(String field) {
    return body.containsKey(field);
  }

  String name(String field) {
    return prefix + field;
  }

  void error(String field, String message) {
    errors.add(new FieldError(name(field), message));
  }

  boolean valid() {
    return errors.isEmpty();
  }

  void throwIfInvalid() {
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
  }

  String text(String field, int maxLength) {
    Object value = body.get(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      error(field, "must be a string");
      return null;
    }
    if (s.length() > maxLength) {
      error(field, "must be at most " + maxLength + " characters");
      return null;
    }
    return s;
  }

  Double number(String field, double min, double max) {
    Object value = body.get(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      error(field, "must be a number");
      return null;
    }
    double d = n.doubleValue();
    if (d < min || d > max) {
      error(field, "must be from " + format(min) + " to " + format(max));
      return null;
    }
    return d;
  }

  Long integer(String field, long min, long max) {
    Object value = body.get(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Integer || value instanceof Long)) {
      error(field, "must be an integer");
      return null;
    }
    long l = ((Number) value).longValue();
    if (l < min || l > max) {
      error(field, "must be an integer from " + min + " to " + max);
      return null;
    }
    return l;
  }

  Boolean bool(String field) {
    Object value = body.get(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Boolean b)) {
      error(field, "must be true or false");
      return null;
    }
    return b;
  }

  LocalDate date(String field) {
    Object value = body.get(field);
    if (value == null) {
      return null;
    }
    try {
      if (value instanceof String s) {
        return LocalDate.parse(s);
      }
    } catch (DateTimeParseException e) {
      // reported below like a non-string
    }
    error(field, "must be a date like 2026-11-22");
    return null;
  }

  /** A list of JSON objects; {@code null} when absent or bad. */
  @SuppressWarnings("unchecked")
  List<Map<String, Object>> objects(String field) {
    Object value = body.get(field);
    if (value == null) {
      return null;
    }
    if (value instanceof List<?> list && list.stream().allMatch(Map.class::isInstance)) {
      return (List<Map<String, Object>>) list;
    }
    error(field, "must be a list of objects");
    return null;
  }

  private static String format(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
