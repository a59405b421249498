package dev.signalyard.queryapi.stores;

import dev.signalyard.schemas.devices.DeviceState;
import java.util.List;

/**
 * A list gathered from every replica: the first {@code limit} matching devices in IMEI order and
 * how many matched in all, plus how many replicas answered.
 *
 * <p>Thread-safety: immutable.
 */
public record DeviceStateRange(List<DeviceState> states, long matched, int replicas) {

  public DeviceStateRange {
    states = List.copyOf(states);
  }
}
