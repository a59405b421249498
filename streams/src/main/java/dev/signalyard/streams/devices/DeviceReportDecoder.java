package dev.signalyard.streams.devices;

import dev.signalyard.schemas.devices.DeviceReport;
import dev.signalyard.schemas.devices.Position;
import dev.signalyard.schemas.devices.PositionSource;
import dev.signalyard.schemas.devices.RawDeviceReport;
import dev.signalyard.streams.devices.payload.DecodedPayload;
import dev.signalyard.streams.devices.payload.Payload;
import dev.signalyard.streams.devices.payload.PayloadDecoders;
import dev.signalyard.streams.devices.payload.UndecodablePayloadException;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * Turns a RockBLOCK raw report into a {@link DeviceReport}: the payload read by the first {@link
 * PayloadDecoders} entry that supports it, the GPS fix as position when the payload has one, and
 * the Iridium estimate (with its CEP) always kept beside it.
 *
 * <p>A payload of a known format that is malformed does not lose the report: the device was still
 * heard, at its Iridium position, so the result carries a report of type {@code UNDECODABLE} and
 * the reason for the dead-letter topic.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
public final class DeviceReportDecoder {

  static final String UNDECODABLE = "UNDECODABLE";

  private final PayloadDecoders payloadDecoders;

  public DeviceReportDecoder(PayloadDecoders payloadDecoders) {
    this.payloadDecoders = payloadDecoders;
  }

  /**
   * A report, and the reason its payload could not be decoded (null when it could).
   *
   * @param report the decoded report
   * @param payloadProblem why the payload went to the dead-letter topic, or null
   */
  public record Result(DeviceReport report, String payloadProblem) {}

  /**
   * Decodes {@code raw}; throws {@link UndecodableReportException} when not even the Iridium part
   * is usable (no position means no report).
   */
  public Result decode(RawDeviceReport raw) {
    if (!Double.isFinite(raw.getIridiumLatitude()) || Math.abs(raw.getIridiumLatitude()) > 90) {
      throw new UndecodableReportException(
          "iridium latitude out of range: " + raw.getIridiumLatitude());
    }
    if (!Double.isFinite(raw.getIridiumLongitude()) || Math.abs(raw.getIridiumLongitude()) > 180) {
      throw new UndecodableReportException(
          "iridium longitude out of range: " + raw.getIridiumLongitude());
    }
    Payload payload = new Payload(raw.getDeviceType(), bytes(raw.getData()), raw.getTransmitTime());
    Position iridium =
        Position.newBuilder()
            .setLatitude(raw.getIridiumLatitude())
            .setLongitude(raw.getIridiumLongitude())
            .setSource(PositionSource.IRIDIUM)
            .setAccuracyKm(raw.getIridiumCepKm())
            .setFixTime(raw.getTransmitTime())
            .build();
    DeviceReport.Builder report =
        DeviceReport.newBuilder()
            .setImei(raw.getImei())
            .setMomsn(raw.getMomsn())
            .setTransmitTime(raw.getTransmitTime())
            .setReceivedAt(raw.getReceivedAt())
            .setPosition(iridium)
            .setIridiumPosition(iridium)
            .setDeviceType(raw.getDeviceType())
            .setPayloadHex(HexFormat.of().formatHex(payload.bytes()))
            .setPayloadText(payload.text())
            .setRawReportId(raw.getId());
    try {
      DecodedPayload decoded = payloadDecoders.decode(payload);
      report
          .setPayloadType(decoded.type())
          .setBatteryVolts(decoded.batteryVolts())
          .setSpeedKnots(decoded.speedKnots())
          .setCourseDegrees(decoded.courseDegrees())
          .setStatusFlags(decoded.statusFlags());
      if (decoded.gpsFix() != null) {
        report.setPosition(
            Position.newBuilder()
                .setLatitude(decoded.gpsFix().latitude())
                .setLongitude(decoded.gpsFix().longitude())
                .setSource(PositionSource.GPS)
                .setAccuracyKm(null)
                .setFixTime(decoded.gpsFix().time())
                .build());
      }
      return new Result(report.build(), null);
    } catch (UndecodablePayloadException e) {
      return new Result(
          report.setPayloadType(UNDECODABLE).setDecodeError(e.getMessage()).build(),
          e.getMessage());
    }
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
