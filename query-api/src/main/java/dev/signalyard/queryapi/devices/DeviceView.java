package dev.signalyard.queryapi.devices;

import dev.signalyard.schemas.devices.DeviceReport;
import dev.signalyard.schemas.devices.Position;
import java.time.Instant;

/** The JSON shape of a device's newest report, as served by {@code /api/devices}. */
public record DeviceView(
    String imei,
    int momsn,
    Instant transmitTime,
    Instant receivedAt,
    PositionView position,
    String payloadType,
    String payloadHex,
    String payloadText,
    Double batteryVolts,
    Double speedKnots,
    Double courseDegrees) {

  /** A position and its source (GPS or IRIDIUM); accuracy is the CEP in km when known. */
  public record PositionView(
      double latitude, double longitude, String source, Double accuracyKm, Instant fixTime) {

    static PositionView of(Position p) {
      return new PositionView(
          p.getLatitude(),
          p.getLongitude(),
          p.getSource().name(),
          p.getAccuracyKm(),
          p.getFixTime());
    }
  }

  public static DeviceView of(DeviceReport r) {
    return new DeviceView(
        r.getImei(),
        r.getMomsn(),
        r.getTransmitTime(),
        r.getReceivedAt(),
        PositionView.of(r.getPosition()),
        r.getPayloadType(),
        r.getPayloadHex(),
        r.getPayloadText(),
        r.getBatteryVolts(),
        r.getSpeedKnots(),
        r.getCourseDegrees());
  }
}
