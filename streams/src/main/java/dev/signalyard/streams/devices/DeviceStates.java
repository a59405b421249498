package dev.signalyard.streams.devices;

import dev.signalyard.schemas.devices.DeviceReport;
import dev.signalyard.schemas.devices.DeviceState;
import java.time.Duration;
import java.time.Instant;

/**
 * How a report changes a device's state. Reports may arrive out of order (a late retry, a buffered
 * fix), so each part follows its own clock: the position (with speed and course) follows the fix
 * time, the rest follows the transmit time, and health values are kept until a newer report carries
 * them again.
 *
 * <p>Thread-safety: stateless.
 */
final class DeviceStates {

  private DeviceStates() {}

  /** The state after {@code report}; {@code online} is left as it was (null state: false). */
  static DeviceState apply(DeviceState state, DeviceReport report) {
    if (state == null) {
      return DeviceState.newBuilder()
          .setImei(report.getImei())
          .setDeviceType(report.getDeviceType())
          .setPosition(report.getPosition())
          .setIridiumPosition(report.getIridiumPosition())
          .setBatteryVolts(report.getBatteryVolts())
          .setBatteryPercent(report.getBatteryPercent())
          .setSpeedKnots(report.getSpeedKnots())
          .setCourseDegrees(report.getCourseDegrees())
          .setStatusFlags(report.getStatusFlags())
          .setMomsn(report.getMomsn())
          .setPayloadType(report.getPayloadType())
          .setPayloadText(report.getPayloadText())
          .setLastSeen(report.getTransmitTime())
          .setLastReceivedAt(report.getReceivedAt())
          .setMessageCount(1)
          .setOnline(false)
          .build();
    }
    DeviceState.Builder next = DeviceState.newBuilder(state);
    next.setMessageCount(state.getMessageCount() + 1);
    if (!report.getPosition().getFixTime().isBefore(state.getPosition().getFixTime())) {
      next.setPosition(report.getPosition())
          .setSpeedKnots(report.getSpeedKnots())
          .setCourseDegrees(report.getCourseDegrees());
    }
    if (!report.getTransmitTime().isBefore(state.getLastSeen())) {
      next.setLastSeen(report.getTransmitTime())
          .setLastReceivedAt(report.getReceivedAt())
          .setDeviceType(report.getDeviceType())
          .setIridiumPosition(report.getIridiumPosition())
          .setMomsn(report.getMomsn())
          .setPayloadType(report.getPayloadType())
          .setPayloadText(report.getPayloadText());
      if (report.getBatteryVolts() != null) {
        next.setBatteryVolts(report.getBatteryVolts());
      }
      if (report.getBatteryPercent() != null) {
        next.setBatteryPercent(report.getBatteryPercent());
      }
      if (report.getStatusFlags() != null) {
        next.setStatusFlags(report.getStatusFlags());
      }
    }
    return next.build();
  }

  /** Whether a device last seen at {@code lastSeen} counts as online at {@code now}. */
  static boolean online(Instant lastSeen, Instant now, Duration offlineAfter) {
    return lastSeen.plus(offlineAfter).isAfter(now);
  }
}
