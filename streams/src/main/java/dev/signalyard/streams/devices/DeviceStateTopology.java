package dev.signalyard.streams.devices;

import dev.signalyard.schemas.devices.DeviceEvent;
import dev.signalyard.schemas.devices.DeviceEventType;
import dev.signalyard.schemas.devices.DeviceReport;
import dev.signalyard.schemas.devices.DeviceState;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Per-device state and online status.
 *
 * <pre>
 * device-reports (key device id, DeviceReport)
 *   ├→ newest by transmit time                → device-latest (compacted)
 *   └→ state (store device-state-store)       → device-state  (compacted, DeviceState)
 *        + wall-clock check every interval     → device-events (DEVICE_ONLINE / DEVICE_OFFLINE)
 * </pre>
 *
 * <p>A device is online while its newest transmit time is less than {@code offlineAfter} old. Going
 * offline is the absence of input, so it cannot wait for a record: a punctuation on wall-clock time
 * scans the store and turns silent devices offline. Coming online happens on the report that makes
 * the device recent again (a late, old report does not). Everything is keyed by device id, as the
 * input, so no repartitioning happens.
 */
public final class DeviceStateTopology {

  /** Name of the store of the newest report per device (feeds device-latest). */
  public static final String LATEST_STORE = "device-latest-store";

  /** Name of the store of the state per device. */
  public static final String STATE_STORE = "device-state-store";

  private DeviceStateTopology() {}

  /**
   * Adds the topology, reading {@code reports} (the device-reports topic).
   *
   * @param offlineAfter silence after which a device counts as offline
   * @param checkInterval how often the wall-clock check for silent devices runs
   */
  public static void build(
      KStream<String, DeviceReport> reports, Duration offlineAfter, Duration checkInterval) {
    AvroSerde<DeviceReport> reportSerde = AvroSerde.of(DeviceReport.class);
    AvroSerde<DeviceState> stateSerde = AvroSerde.of(DeviceState.class);
    reports
        .groupByKey(Grouped.with(Serdes.String(), reportSerde))
        .reduce(
            DeviceStateTopology::newer,
            Materialized.<String, DeviceReport, KeyValueStore<Bytes, byte[]>>as(LATEST_STORE)
                .withKeySerde(Serdes.String())
                .withValueSerde(reportSerde))
        .toStream()
        .to(TopicCatalog.DEVICE_LATEST.name(), Produced.with(Serdes.String(), reportSerde));

    KStream<String, SpecificRecord> changes =
        reports.process(new StateProcessorSupplier(offlineAfter, checkInterval));
    changes
        .filter((id, change) -> change instanceof DeviceState)
        .mapValues(change -> (DeviceState) change)
        .to(TopicCatalog.DEVICE_STATE.name(), Produced.with(Serdes.String(), stateSerde));
    changes
        .filter((id, change) -> change instanceof DeviceEvent)
        .mapValues(change -> (DeviceEvent) change)
        .to(
            TopicCatalog.DEVICE_EVENTS.name(),
            Produced.with(Serdes.String(), AvroSerde.of(DeviceEvent.class)));
  }

  static DeviceReport newer(DeviceReport current, DeviceReport candidate) {
    return candidate.getTransmitTime().isBefore(current.getTransmitTime()) ? current : candidate;
  }

  /** Supplies the processor together with its store, so the DSL connects them. */
  private record StateProcessorSupplier(Duration offlineAfter, Duration checkInterval)
      implements ProcessorSupplier<String, DeviceReport, String, SpecificRecord> {

    @Override
    public Processor<String, DeviceReport, String, SpecificRecord> get() {
      return new StateProcessor(offlineAfter, checkInterval);
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
      return Set.of(
          Stores.keyValueStoreBuilder(
              Stores.persistentKeyValueStore(STATE_STORE),
              Serdes.String(),
              AvroSerde.of(DeviceState.class)));
    }
  }

  /**
   * Applies reports to the stored state and turns silent devices offline on wall-clock time.
   * Forwards each changed {@link DeviceState} and each {@link DeviceEvent}.
   *
   * <p>Thread-safety: one instance per stream task, used by its thread only (punctuations run on
   * that thread too).
   */
  static final class StateProcessor
      implements Processor<String, DeviceReport, String, SpecificRecord> {

    private final Duration offlineAfter;
    private final Duration checkInterval;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, DeviceState> states;

    StateProcessor(Duration offlineAfter, Duration checkInterval) {
      this.offlineAfter = offlineAfter;
      this.checkInterval = checkInterval;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
      this.context = context;
      this.states = context.getStateStore(STATE_STORE);
      context.schedule(checkInterval, PunctuationType.WALL_CLOCK_TIME, this::turnSilentOffline);
    }

    @Override
    public void process(Record<String, DeviceReport> record) {
      if (record.key() == null || record.value() == null) {
        return;
      }
      Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
      DeviceState before = states.get(record.key());
      DeviceState after = DeviceStates.apply(before, record.value());
      boolean online = DeviceStates.online(after.getLastSeen(), now, offlineAfter);
      after.setOnline(online);
      states.put(record.key(), after);
      context.forward(record.withValue(after));
      boolean wasOnline = before != null && before.getOnline();
      if (online != wasOnline) {
        DeviceEventType type =
            online ? DeviceEventType.DEVICE_ONLINE : DeviceEventType.DEVICE_OFFLINE;
        Instant at = online ? after.getLastSeen() : now;
        context.forward(record.withValue(event(after, type, at)));
      }
    }

    private void turnSilentOffline(long wallClockMs) {
      Instant now = Instant.ofEpochMilli(wallClockMs);
      List<KeyValue<String, DeviceState>> silent = new ArrayList<>();
      try (KeyValueIterator<String, DeviceState> all = states.all()) {
        all.forEachRemaining(
            entry -> {
              if (entry.value.getOnline()
                  && !DeviceStates.online(entry.value.getLastSeen(), now, offlineAfter)) {
                silent.add(entry);
              }
            });
      }
      for (KeyValue<String, DeviceState> entry : silent) {
        DeviceState offline = DeviceState.newBuilder(entry.value).setOnline(false).build();
        states.put(entry.key, offline);
        context.forward(new Record<>(entry.key, offline, wallClockMs));
        context.forward(
            new Record<>(
                entry.key, event(offline, DeviceEventType.DEVICE_OFFLINE, now), wallClockMs));
      }
    }

    private static DeviceEvent event(DeviceState state, DeviceEventType type, Instant at) {
      return DeviceEvent.newBuilder()
          .setImei(state.getImei())
          .setType(type)
          .setTime(at)
          .setLastSeen(state.getLastSeen())
          .setPosition(state.getPosition())
          .build();
    }
  }
}
