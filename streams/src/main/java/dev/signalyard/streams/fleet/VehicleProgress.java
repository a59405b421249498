package dev.signalyard.streams.fleet;

import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * How far roundtrip aggregation has come for one vehicle: the end of its last final (emitted)
 * roundtrip and the newest trip start seen, which is the vehicle's own clock for lateness and
 * retention, when the pending trips were last aggregated and how many there are.
 *
 * <p>Thread-safety: immutable.
 *
 * @param finalisedUntilMs end of the last emitted roundtrip (epoch ms), {@code Long.MIN_VALUE}
 *     before the first
 * @param newestStartMs newest trip start seen (epoch ms), {@code Long.MIN_VALUE} before the first
 * @param aggregatedAtMs the newest trip start at the last aggregation (epoch ms), {@code
 *     Long.MIN_VALUE} before the first
 * @param pendingTrips how many trips of the vehicle the pending store holds
 */
record VehicleProgress(
    long finalisedUntilMs, long newestStartMs, long aggregatedAtMs, int pendingTrips) {

  static final VehicleProgress NONE =
      new VehicleProgress(Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE, 0);

  /** 28 bytes: three longs and an int, big-endian; internal to the progress store's changelog. */
  static Serde<VehicleProgress> serde() {
    Serializer<VehicleProgress> serializer =
        (topic, progress) ->
            progress == null
                ? null
                : ByteBuffer.allocate(28)
                    .putLong(progress.finalisedUntilMs)
                    .putLong(progress.newestStartMs)
                    .putLong(progress.aggregatedAtMs)
                    .putInt(progress.pendingTrips)
                    .array();
    Deserializer<VehicleProgress> deserializer =
        (topic, bytes) -> {
          if (bytes == null) {
            return null;
          }
          ByteBuffer buffer = ByteBuffer.wrap(bytes);
          return new VehicleProgress(
              buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getInt());
        };
    return Serdes.serdeFrom(serializer, deserializer);
  }
}
