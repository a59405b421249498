package dev.signalyard.streams.devices;

import dev.signalyard.schemas.devices.DeviceReport;
import dev.signalyard.schemas.devices.Position;
import dev.signalyard.schemas.devices.PositionSource;
import dev.signalyard.schemas.devices.RawDeviceReport;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Turns a raw report into a decoded {@link DeviceReport}: the Iridium position with its CEP, and
 * the payload as text when it is printable ASCII. Payload-specific decoders (Paikea PK001/PK004)
 * build on this in the device-reports work. Stateless and thread-safe.
 */
public final class DeviceReportDecoder {

  /** Decodes {@code raw}; throws {@link UndecodableReportException} naming what is wrong. */
  public DeviceReport decode(RawDeviceReport raw) {
    if (!Double.isFinite(raw.getIridiumLatitude()) || Math.abs(raw.getIridiumLatitude()) > 90) {
      throw new UndecodableReportException(
          "iridium latitude out of range: " + raw.getIridiumLatitude());
    }
    if (!Double.isFinite(raw.getIridiumLongitude()) || Math.abs(raw.getIridiumLongitude()) > 180) {
      throw new UndecodableReportException(
          "iridium longitude out of range: " + raw.getIridiumLongitude());
    }
    byte[] payload = bytes(raw.getData());
    String text = printableAscii(payload) ? new String(payload, StandardCharsets.US_ASCII) : null;
    return DeviceReport.newBuilder()
        .setImei(raw.getImei())
        .setMomsn(raw.getMomsn())
        .setTransmitTime(raw.getTransmitTime())
        .setReceivedAt(raw.getReceivedAt())
        .setPosition(
            Position.newBuilder()
                .setLatitude(raw.getIridiumLatitude())
                .setLongitude(raw.getIridiumLongitude())
                .setSource(PositionSource.IRIDIUM)
                .setAccuracyKm(raw.getIridiumCepKm())
                .setFixTime(raw.getTransmitTime())
                .build())
        .setPayloadType(payload.length == 0 ? "EMPTY" : text != null ? "TEXT" : "RAW")
        .setPayloadHex(HexFormat.of().formatHex(payload))
        .setPayloadText(text)
        .setRawReportId(raw.getId())
        .build();
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }

  private static boolean printableAscii(byte[] payload) {
    if (payload.length == 0) {
      return false;
    }
    for (byte b : payload) {
      if ((b < 0x20 || b > 0x7e) && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }
}
