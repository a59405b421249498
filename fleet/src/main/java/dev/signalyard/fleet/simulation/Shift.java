package dev.signalyard.fleet.simulation;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;

/**
 * A work shift in local time, e.g. 07:00 to 15:00 with a break at 11:30. A shift whose end is not
 * after its start runs over midnight (the overnight shift). Immutable.
 *
 * @param start start of the shift
 * @param end end of the shift
 * @param breakAt break time inside the shift, or null
 */
public record Shift(LocalTime start, LocalTime end, LocalTime breakAt) {
  public Shift {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (start.equals(end)) {
      throw new IllegalArgumentException("shift " + start + "-" + end + " has no length");
    }
  }

  /** True when the shift runs over midnight. */
  public boolean overnight() {
    return !end.isAfter(start);
  }

  /** Length of the shift. */
  public Duration length() {
    Duration length = Duration.between(start, end);
    return overnight() ? length.plusDays(1) : length;
  }

  /** Minutes after the shift start at which {@code time} falls, in [0, 1440). */
  long minutesAfterStart(LocalTime time) {
    long minutes = Duration.between(start, time).toMinutes();
    return Math.floorMod(minutes, 24 * 60);
  }

  /** Parses {@code "07:00-15:00"} or, with a break, {@code "07:00-15:00/11:30"}. */
  static Shift parse(String text) {
    String[] withBreak = text.trim().split("/");
    String[] parts = withBreak[0].split("-");
    if (parts.length != 2 || withBreak.length > 2) {
      throw new IllegalArgumentException(
          "shift must look like 07:00-15:00 or 07:00-15:00/11:30: " + text);
    }
    LocalTime breakAt = withBreak.length == 2 ? LocalTime.parse(withBreak[1].trim()) : null;
    return new Shift(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()), breakAt);
  }

  @Override
  public String toString() {
    return start + "-" + end + (breakAt == null ? "" : "/" + breakAt);
  }
}
