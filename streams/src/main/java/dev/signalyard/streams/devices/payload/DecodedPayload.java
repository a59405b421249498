package dev.signalyard.streams.devices.payload;

import java.time.Instant;

/**
 * What a {@link PayloadDecoder} read from a payload. Every field but {@code type} may be null when
 * the payload does not carry it.
 *
 * <p>Thread-safety: immutable.
 *
 * @param type name of the format (PK001, PK004, TEXT, RAW, EMPTY), stored as the report's
 *     payloadType
 * @param gpsFix the device's own GPS fix, or null
 * @param batteryVolts battery voltage as sent (uncalibrated)
 * @param speedKnots speed over ground, knots
 * @param courseDegrees course over ground, degrees true
 * @param statusFlags device status flags as sent
 */
public record DecodedPayload(
    String type,
    GpsFix gpsFix,
    Double batteryVolts,
    Double speedKnots,
    Double courseDegrees,
    Integer statusFlags) {

  /** A payload that carries nothing but its format name (text, raw bytes). */
  public static DecodedPayload opaque(String type) {
    return new DecodedPayload(type, null, null, null, null, null);
  }

  /**
   * A GPS fix: signed decimal degrees (WGS84) and when it was valid.
   *
   * @param latitude decimal degrees, negative south
   * @param longitude decimal degrees, negative west
   * @param time when the fix was taken (UTC)
   */
  public record GpsFix(double latitude, double longitude, Instant time) {}
}
