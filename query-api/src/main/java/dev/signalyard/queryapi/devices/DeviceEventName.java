package dev.signalyard.queryapi.devices;

import dev.signalyard.schemas.devices.DeviceEventType;

/** SSE event names of device events. Thread-safety: stateless. */
final class DeviceEventName {

  private DeviceEventName() {}

  /** The SSE event name, or null for a type this version does not know (not streamed). */
  static String of(DeviceEventType type) {
    return switch (type) {
      case DEVICE_ONLINE -> "deviceOnline";
      case DEVICE_OFFLINE -> "deviceOffline";
      case GEOFENCE_ENTER -> "geofenceEnter";
      case GEOFENCE_EXIT -> "geofenceExit";
      case UNKNOWN -> null;
    };
  }
}
