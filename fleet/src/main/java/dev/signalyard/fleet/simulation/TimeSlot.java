package dev.signalyard.fleet.simulation;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;

/**
 * A daily time window in local time when bikes may be used, e.g. 07:00 to 15:30. Immutable.
 *
 * @param start first moment of the slot
 * @param end last moment of the slot, after {@code start} (slots do not cross midnight)
 */
public record TimeSlot(LocalTime start, LocalTime end) {
  public TimeSlot {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException(
          "bike slot must end after it starts: " + start + "-" + end);
    }
  }

  /** Length of the slot. */
  public Duration length() {
    return Duration.between(start, end);
  }

  /** Parses {@code "07:00-15:30"}. */
  static TimeSlot parse(String text) {
    String[] parts = text.trim().split("-");
    if (parts.length != 2) {
      throw new IllegalArgumentException("bike slot must look like 07:00-15:30: " + text);
    }
    return new TimeSlot(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()));
  }

  @Override
  public String toString() {
    return start + "-" + end;
  }
}
