package dev.signalyard.queryapi.stores;

import java.util.List;

/**
 * What one replica answers to a list: how many devices of the asked partitions matched, and the
 * first {@code limit} of them in IMEI order, each as Avro single-object encoding (base64 in JSON).
 * Enough for the asking replica to merge pages without fetching every device.
 *
 * <p>Thread-safety: immutable.
 */
public record DeviceStateSlice(long matched, List<byte[]> states) {

  public DeviceStateSlice {
    states = List.copyOf(states);
  }
}
