package dev.signalyard.queryapi.stores;

import dev.signalyard.schemas.devices.DeviceState;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * In: device-state (compacted, keyed by IMEI). Out: nothing but the persistent key-value store
 * {@value #STORE}, partitioned like the topic, so each replica holds the devices of the partitions
 * assigned to it.
 *
 * <p>The topic is already the newest state per device, so the table is the topic as it is; with
 * {@code reuse.ktable.source.topics} the topic itself serves as the store's changelog, and
 * restoring a replica or a standby reads device-state instead of a second copy of it.
 *
 * <p>Thread-safety: stateless.
 */
public final class DeviceStateStoreTopology {

  /** Name of the queryable store. */
  public static final String STORE = "device-state";

  private DeviceStateStoreTopology() {}

  /** The topology, optimized with {@code config} (which must name the optimization to apply). */
  public static Topology build(Properties config) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.table(
        TopicCatalog.DEVICE_STATE.name(),
        Consumed.with(Serdes.String(), AvroSerde.of(DeviceState.class)),
        Materialized.<String, DeviceState, KeyValueStore<Bytes, byte[]>>as(STORE)
            .withKeySerde(Serdes.String())
            .withValueSerde(AvroSerde.of(DeviceState.class)));
    return builder.build(config);
  }

  /** The settings {@link #build(Properties)} expects besides the client's own. */
  public static Properties optimization() {
    Properties config = new Properties();
    config.put(
        StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.REUSE_KTABLE_SOURCE_TOPICS);
    return config;
  }
}
