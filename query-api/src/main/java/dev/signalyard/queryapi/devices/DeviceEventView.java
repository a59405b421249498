package dev.signalyard.queryapi.devices;

import dev.signalyard.queryapi.devices.DeviceStateView.PositionView;
import dev.signalyard.schemas.devices.DeviceEvent;
import java.time.Instant;

/**
 * The JSON shape of a device event on the stream ({@code deviceOnline}, {@code deviceOffline},
 * {@code geofenceEnter}, {@code geofenceExit}); {@code geofence} is null for online/offline.
 *
 * <p>Thread-safety: immutable.
 */
public record DeviceEventView(
    String imei,
    String type,
    Instant time,
    Instant lastSeen,
    String geofence,
    PositionView position) {

  public static DeviceEventView of(DeviceEvent e) {
    return new DeviceEventView(
        e.getImei(),
        e.getType().name(),
        e.getTime(),
        e.getLastSeen(),
        e.getGeofence(),
        PositionView.of(e.getPosition()));
  }
}
