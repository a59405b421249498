package dev.signalyard.queryapi.stores;

import dev.signalyard.schemas.devices.DeviceState;
import dev.signalyard.schemas.serde.AvroSerde;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads of the partitions this replica holds: as the active owner, or as a standby copy whose lag
 * is within {@link StoreProperties#maxStandbyLag()}. Used both for this replica's own queries and
 * for the internal endpoints other replicas call.
 *
 * <p>Thread-safety: stateless apart from the thread-safe {@link StoreReplica}.
 */
public final class LocalDeviceStates {

  private static final AvroSerde<DeviceState> SERDE = AvroSerde.of(DeviceState.class);
  private static final Comparator<DeviceState> BY_IMEI = Comparator.comparing(DeviceState::getImei);

  private final StoreReplica replica;
  private final long maxStandbyLag;

  public LocalDeviceStates(StoreReplica replica, long maxStandbyLag) {
    this.replica = replica;
    this.maxStandbyLag = maxStandbyLag;
  }

  /**
   * {@code imei}'s state from the local copy of {@code partition}.
   *
   * @throws NotServedHereException when this replica does not hold the partition (as the active
   *     owner, or as a standby within the lag bound when {@code standby}), or it is not queryable
   */
  public Optional<DeviceState> get(String imei, int partition, boolean standby) {
    ReadOnlyKeyValueStore<String, DeviceState> store = store(partition, standby);
    try {
      return Optional.ofNullable(store.get(imei));
    } catch (InvalidStateStoreException e) {
      throw new NotServedHereException("The store was migrated while it was read", e);
    }
  }

  /**
   * The devices of {@code partitions} that match {@code filter}: how many, and the first {@code
   * limit} in IMEI order.
   *
   * @throws NotServedHereException as {@link #get(String, int, boolean)}, for any of them
   */
  public DeviceStateSlice slice(
      Collection<Integer> partitions, DeviceStateFilter filter, int limit, boolean standby) {
    List<ReadOnlyKeyValueStore<String, DeviceState>> stores = new ArrayList<>();
    for (int partition : partitions) {
      stores.add(store(partition, standby));
    }
    // The first `limit` in IMEI order: a max-heap that drops its largest when it overflows.
    PriorityQueue<DeviceState> first = new PriorityQueue<>(BY_IMEI.reversed());
    long matched = 0;
    for (ReadOnlyKeyValueStore<String, DeviceState> store : stores) {
      try (KeyValueIterator<String, DeviceState> all = store.all()) {
        while (all.hasNext()) {
          KeyValue<String, DeviceState> entry = all.next();
          if (entry.value != null && filter.matches(entry.value)) {
            matched++;
            first.add(entry.value);
            if (first.size() > limit) {
              first.poll();
            }
          }
        }
      } catch (InvalidStateStoreException e) {
        throw new NotServedHereException("The store was migrated while it was read", e);
      }
    }
    List<byte[]> states = first.stream().sorted(BY_IMEI).map(SERDE::encode).toList();
    return new DeviceStateSlice(matched, states);
  }

  private ReadOnlyKeyValueStore<String, DeviceState> store(int partition, boolean standby) {
    if (standby) {
      OptionalLong lag = replica.lag(partition);
      if (lag.isEmpty()) {
        throw new NotServedHereException("Partition " + partition + " is not held here");
      }
      if (lag.getAsLong() > maxStandbyLag) {
        throw new NotServedHereException(
            "The copy of partition "
                + partition
                + " is "
                + lag.getAsLong()
                + " offsets behind, more than "
                + maxStandbyLag);
      }
    }
    try {
      return replica.store(partition, standby);
    } catch (InvalidStateStoreException e) {
      throw new NotServedHereException(
          "Partition " + partition + " is not queryable here: " + e.getMessage(), e);
    }
  }

  /** The asked partition is not (or not now) answered by this replica. */
  public static final class NotServedHereException extends RuntimeException {

    NotServedHereException(String message) {
      super(message);
    }

    NotServedHereException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
