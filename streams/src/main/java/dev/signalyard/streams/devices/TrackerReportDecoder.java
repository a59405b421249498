package dev.signalyard.streams.devices;

import dev.signalyard.schemas.devices.DeviceReport;
import dev.signalyard.schemas.devices.Position;
import dev.signalyard.schemas.devices.PositionSource;
import dev.signalyard.schemas.devices.TrackerReport;

/**
 * Turns a generic tracker's report into a {@link DeviceReport}, so trackers get the same state,
 * track and status as Iridium devices: the fix is a GPS position (accuracy converted from metres to
 * km), the tracker id stands in for the IMEI, and momsn is 0 (trackers have no sequence number).
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
public final class TrackerReportDecoder {

  static final String TRACKER = "TRACKER";

  /** Decodes {@code tracker}; throws {@link UndecodableReportException} on impossible values. */
  public DeviceReport decode(TrackerReport tracker) {
    if (!Double.isFinite(tracker.getLatitude()) || Math.abs(tracker.getLatitude()) > 90) {
      throw new UndecodableReportException("latitude out of range: " + tracker.getLatitude());
    }
    if (!Double.isFinite(tracker.getLongitude()) || Math.abs(tracker.getLongitude()) > 180) {
      throw new UndecodableReportException("longitude out of range: " + tracker.getLongitude());
    }
    Double accuracyMeters = tracker.getAccuracyMeters();
    return DeviceReport.newBuilder()
        .setImei(tracker.getDeviceId())
        .setMomsn(0)
        .setTransmitTime(tracker.getTime())
        .setReceivedAt(tracker.getReceivedAt())
        .setPosition(
            Position.newBuilder()
                .setLatitude(tracker.getLatitude())
                .setLongitude(tracker.getLongitude())
                .setSource(PositionSource.GPS)
                .setAccuracyKm(accuracyMeters == null ? null : accuracyMeters / 1000)
                .setFixTime(tracker.getTime())
                .build())
        .setPayloadType(TRACKER)
        .setPayloadHex("")
        .setRawReportId(tracker.getId())
        .setDeviceType(TRACKER)
        .setSpeedKnots(tracker.getSpeedKnots())
        .setCourseDegrees(tracker.getCourseDegrees())
        .setBatteryPercent(tracker.getBatteryPercent())
        .setAltitudeMeters(tracker.getAltitudeMeters())
        .build();
  }
}
