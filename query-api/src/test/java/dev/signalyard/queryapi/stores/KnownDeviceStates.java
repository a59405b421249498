package dev.signalyard.queryapi.stores;

import dev.signalyard.queryapi.DeviceStateChanges;
import dev.signalyard.schemas.devices.DeviceState;
import java.util.List;

/**
 * Device states whose every field follows from the IMEI, so that any answer of a replica can be
 * checked against the IMEI alone, and their publication to device-state.
 */
final class KnownDeviceStates {

  private KnownDeviceStates() {}

  /** Each device's sequence number is derived from its id. */
  static int expectedMomsn(String imei) {
    return 100 + Integer.parseInt(imei.substring(imei.length() - 5));
  }

  static boolean expectedOnline(String imei) {
    return expectedMomsn(imei) % 3 != 0;
  }

  static DeviceState state(String imei) {
    return DeviceState.newBuilder(DeviceStateChanges.state(imei, expectedMomsn(imei)))
        .setOnline(expectedOnline(imei))
        .build();
  }

  /**
   * Publishes every device's state and waits until the broker has each one, without idempotence
   * (the topic may have been created moments ago; a duplicate is harmless here).
   */
  static void publish(List<String> imeis) {
    try (DeviceStateChanges changes = DeviceStateChanges.withoutIdempotence()) {
      changes.send(imeis.stream().map(KnownDeviceStates::state).toList());
    }
  }
}
