package dev.signalyard.queryapi.devices;

import dev.signalyard.schemas.devices.DeviceState;
import dev.signalyard.schemas.devices.Position;
import java.time.Instant;

/**
 * The JSON shape of a device's state, as served by {@code /api/devices} and the {@code device}
 * stream events. {@code imei} is the device id (the tracker's id for generic trackers).
 *
 * <p>Thread-safety: immutable.
 */
public record DeviceStateView(
    String imei,
    String deviceType,
    boolean online,
    Instant lastSeen,
    Instant lastReceivedAt,
    long messageCount,
    int momsn,
    PositionView position,
    PositionView iridiumPosition,
    Double batteryVolts,
    Double batteryPercent,
    Double speedKnots,
    Double courseDegrees,
    Integer statusFlags,
    String payloadType,
    String payloadText) {

  /** A position and its source (GPS or IRIDIUM); accuracy is the CEP in km when known. */
  public record PositionView(
      double latitude, double longitude, String source, Double accuracyKm, Instant fixTime) {

    static PositionView of(Position p) {
      return p == null
          ? null
          : new PositionView(
              p.getLatitude(),
              p.getLongitude(),
              p.getSource().name(),
              p.getAccuracyKm(),
              p.getFixTime());
    }
  }

  public static DeviceStateView of(DeviceState s) {
    return new DeviceStateView(
        s.getImei(),
        s.getDeviceType(),
        s.getOnline(),
        s.getLastSeen(),
        s.getLastReceivedAt(),
        s.getMessageCount(),
        s.getMomsn(),
        PositionView.of(s.getPosition()),
        PositionView.of(s.getIridiumPosition()),
        s.getBatteryVolts(),
        s.getBatteryPercent(),
        s.getSpeedKnots(),
        s.getCourseDegrees(),
        s.getStatusFlags(),
        s.getPayloadType(),
        s.getPayloadText());
  }
}
