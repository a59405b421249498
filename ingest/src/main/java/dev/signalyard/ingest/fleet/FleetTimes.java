package dev.signalyard.ingest.fleet;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

/**
 * Reads the fleet systems' timestamps into UTC instants. The systems are Danish: a timestamp
 * without an offset is local Copenhagen time. In the spring-forward gap such a time is moved
 * forward by the gap (02:30 on the last Sunday of March is 03:30 CEST); in the autumn overlap the
 * earlier offset, summer time, is taken, since the systems give nothing to tell the two apart.
 *
 * <p>Stateless, thread-safe.
 */
final class FleetTimes {

  static final ZoneId COPENHAGEN = ZoneId.of("Europe/Copenhagen");

  /**
   * ISO-8601 date and time with an optional offset in any of the forms the systems send: {@code Z},
   * {@code +01:00}, {@code +0100}; fractions of a second optional.
   */
  private static final DateTimeFormatter ISO_WITH_OPTIONAL_OFFSET =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .toFormatter();

  private FleetTimes() {}

  /**
   * A timestamp as ISO-8601, with or without offset, or with a space instead of the {@code T}.
   *
   * @throws DateTimeParseException when it is none of these
   */
  static Instant parse(String text) {
    TemporalAccessor parsed =
        ISO_WITH_OPTIONAL_OFFSET.parseBest(
            text.trim().replace(' ', 'T'), ZonedDateTime::from, LocalDateTime::from);
    if (parsed instanceof ZonedDateTime zoned) {
      return zoned.toInstant();
    }
    return copenhagen((LocalDateTime) parsed);
  }

  /** A local Copenhagen date and time as an instant, with the gap and overlap rules above. */
  static Instant copenhagen(LocalDateTime local) {
    return ZonedDateTime.ofLocal(local, COPENHAGEN, null).toInstant();
  }
}
