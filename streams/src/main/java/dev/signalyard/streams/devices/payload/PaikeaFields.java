package dev.signalyard.streams.devices.payload;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Field readers shared by the Paikea decoders: NMEA coordinates, GPS times of day, numbers. Each
 * throws {@link UndecodablePayloadException} naming the field and the bad value.
 *
 * <p>Thread-safety: stateless.
 */
final class PaikeaFields {

  /**
   * How far a GPS time of day may lie after the transmit time's and still be taken as a clock
   * disagreement rather than yesterday's fix. Rolling such a fix back a day would place it a day
   * early in the track, so it is rejected instead.
   */
  static final Duration MAX_FIX_AHEAD = Duration.ofMinutes(15);

  private static final Pattern LATITUDE = Pattern.compile("(\\d{1,2})(\\d{2}(?:\\.\\d+)?)");
  private static final Pattern LONGITUDE = Pattern.compile("(\\d{1,3})(\\d{2}(?:\\.\\d+)?)");
  private static final Pattern TIME_OF_DAY =
      Pattern.compile("(\\d{2})(\\d{2})(\\d{2})(?:\\.(\\d{1,9}))?");

  private PaikeaFields() {}

  /** NMEA {@code ddmm.mmmm} and N/S as signed decimal degrees. */
  static double latitude(String value, String hemisphere) {
    double degrees = coordinate("lat", value, LATITUDE, 90);
    return switch (required("NS", hemisphere)) {
      case "N" -> degrees;
      case "S" -> -degrees;
      default -> throw new UndecodablePayloadException("NS must be N or S: '" + hemisphere + "'");
    };
  }

  /** NMEA {@code dddmm.mmmm} and E/W as signed decimal degrees. */
  static double longitude(String value, String hemisphere) {
    double degrees = coordinate("lon", value, LONGITUDE, 180);
    return switch (required("EW", hemisphere)) {
      case "E" -> degrees;
      case "W" -> -degrees;
      default -> throw new UndecodablePayloadException("EW must be E or W: '" + hemisphere + "'");
    };
  }

  private static double coordinate(String field, String value, Pattern pattern, int maxDegrees) {
    Matcher m = pattern.matcher(required(field, value));
    if (!m.matches()) {
      throw new UndecodablePayloadException(field + " is not NMEA [d]ddmm.mmmm: '" + value + "'");
    }
    int degrees = Integer.parseInt(m.group(1));
    double minutes = Double.parseDouble(m.group(2));
    if (minutes >= 60) {
      throw new UndecodablePayloadException(field + " has minutes >= 60: '" + value + "'");
    }
    double decimal = degrees + minutes / 60;
    if (decimal > maxDegrees) {
      throw new UndecodablePayloadException(field + " beyond " + maxDegrees + "°: '" + value + "'");
    }
    return decimal;
  }

  /**
   * The instant of a GPS time of day {@code HHMMSS[.ssss]}, dated by the transmit time: the fix
   * precedes the transmission, so a time of day later than the transmit time's belongs to the
   * previous day (a fix taken before midnight, sent after it). A time of day up to {@link
   * #MAX_FIX_AHEAD} later is rejected: that is a fix later than its own transmission.
   */
  static Instant fixTime(String value, Instant transmitTime) {
    Matcher m = TIME_OF_DAY.matcher(required("utc", value));
    int hour = m.matches() ? Integer.parseInt(m.group(1)) : -1;
    int minute = m.matches() ? Integer.parseInt(m.group(2)) : -1;
    int second = m.matches() ? Integer.parseInt(m.group(3)) : -1;
    if (hour < 0 || hour > 23 || minute > 59 || second > 59) {
      throw new UndecodablePayloadException(
          "utc is not a time of day HHMMSS.ssss: '" + value + "'");
    }
    int nanos =
        m.group(4) == null ? 0 : Integer.parseInt((m.group(4) + "00000000").substring(0, 9));
    ZonedDateTime transmit = transmitTime.atZone(ZoneOffset.UTC);
    ZonedDateTime fix = transmit.with(LocalTime.of(hour, minute, second, nanos));
    if (fix.isAfter(transmit)) {
      if (!fix.isAfter(transmit.plus(MAX_FIX_AHEAD))) {
        throw new UndecodablePayloadException(
            "GPS time " + value + " is later than the transmit time " + transmitTime);
      }
      fix = fix.minusDays(1);
    }
    return fix.toInstant();
  }

  static double number(String field, String value) {
    try {
      double number = Double.parseDouble(required(field, value));
      if (!Double.isFinite(number)) {
        throw new NumberFormatException();
      }
      return number;
    } catch (NumberFormatException e) {
      throw new UndecodablePayloadException(field + " is not a number: '" + value + "'");
    }
  }

  /** A number that may be absent or empty (an empty field means the device had no value). */
  static Double optionalNumber(String field, String value) {
    return value == null || value.isEmpty() ? null : number(field, value);
  }

  static Integer optionalInt(String field, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Integer.valueOf(value);
    } catch (NumberFormatException e) {
      throw new UndecodablePayloadException(field + " is not an integer: '" + value + "'");
    }
  }

  private static String required(String field, String value) {
    if (value == null || value.isEmpty()) {
      throw new UndecodablePayloadException(field + " is missing");
    }
    return value;
  }

  /** True when the sender's device type is compatible with a Paikea buoy (a RockBLOCK modem). */
  static boolean rockBlockDevice(Payload payload) {
    return payload.deviceType() == null || "ROCKBLOCK".equalsIgnoreCase(payload.deviceType());
  }

  /** The text after the prefix, without trailing whitespace and one trailing ';'. */
  static String body(Payload payload, int prefixLength) {
    String body = payload.text().substring(prefixLength).strip();
    return body.endsWith(";") ? body.substring(0, body.length() - 1) : body;
  }
}
