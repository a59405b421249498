package dev.signalyard.streams.devices;

import dev.signalyard.schemas.devices.DeviceEvent;
import dev.signalyard.schemas.devices.DeviceEventType;
import dev.signalyard.schemas.devices.DeviceState;
import dev.signalyard.schemas.devices.Position;
import dev.signalyard.schemas.devices.PositionSource;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Geofence enter/exit events.
 *
 * <pre>
 * device-state (key device id, DeviceState)
 *   → fences containing the position vs. fences it was in (store device-geofence-store)
 *   → device-events (key device id, GEOFENCE_ENTER / GEOFENCE_EXIT)
 * </pre>
 *
 * <p>It reads device-state rather than the reports because the state's position only moves forward
 * in fix time: a late, older fix cannot make a device leave and re-enter a fence. Only GPS
 * positions are tested: an Iridium estimate is kilometres off and would make devices flap in and
 * out of fences smaller than that. The geofences come from the configuration; a fence removed from
 * it raises no exit.
 */
public final class GeofenceTopology {

  /** Name of the store of the geofences each device is inside. */
  public static final String INSIDE_STORE = "device-geofence-store";

  private GeofenceTopology() {}

  public static void build(StreamsBuilder builder, List<Geofence> geofences) {
    builder.stream(
            TopicCatalog.DEVICE_STATE.name(),
            Consumed.with(Serdes.String(), AvroSerde.of(DeviceState.class)))
        .process(new GeofenceSupplier(List.copyOf(geofences)))
        .to(
            TopicCatalog.DEVICE_EVENTS.name(),
            Produced.with(Serdes.String(), AvroSerde.of(DeviceEvent.class)));
  }

  private record GeofenceSupplier(List<Geofence> geofences)
      implements ProcessorSupplier<String, DeviceState, String, DeviceEvent> {

    @Override
    public Processor<String, DeviceState, String, DeviceEvent> get() {
      return new GeofenceProcessor(geofences);
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
      Serde<List<String>> names = Serdes.ListSerde(ArrayList.class, Serdes.String());
      return Set.of(
          Stores.keyValueStoreBuilder(
              Stores.persistentKeyValueStore(INSIDE_STORE), Serdes.String(), names));
    }
  }

  /**
   * Compares the fences a device's position is in with those it was in, and raises the difference.
   *
   * <p>Thread-safety: one instance per stream task, used by its thread only.
   */
  static final class GeofenceProcessor
      implements Processor<String, DeviceState, String, DeviceEvent> {

    private final List<Geofence> geofences;
    private ProcessorContext<String, DeviceEvent> context;
    private KeyValueStore<String, List<String>> inside;

    GeofenceProcessor(List<Geofence> geofences) {
      this.geofences = geofences;
    }

    @Override
    public void init(ProcessorContext<String, DeviceEvent> context) {
      this.context = context;
      this.inside = context.getStateStore(INSIDE_STORE);
    }

    @Override
    public void process(Record<String, DeviceState> record) {
      DeviceState state = record.value();
      if (record.key() == null
          || state == null
          || state.getPosition().getSource() != PositionSource.GPS) {
        return;
      }
      Position position = state.getPosition();
      List<String> was = inside.get(record.key());
      List<String> now = new ArrayList<>();
      for (Geofence fence : geofences) {
        boolean in = fence.contains(position.getLatitude(), position.getLongitude());
        boolean wasIn = was != null && was.contains(fence.name());
        if (in) {
          now.add(fence.name());
        }
        if (in != wasIn) {
          DeviceEventType type =
              in ? DeviceEventType.GEOFENCE_ENTER : DeviceEventType.GEOFENCE_EXIT;
          context.forward(record.withValue(event(state, type, fence)));
        }
      }
      if (!now.equals(was == null ? List.of() : was)) {
        inside.put(record.key(), now);
      }
    }

    private static DeviceEvent event(DeviceState state, DeviceEventType type, Geofence fence) {
      return DeviceEvent.newBuilder()
          .setImei(state.getImei())
          .setType(type)
          .setTime(state.getPosition().getFixTime())
          .setLastSeen(state.getLastSeen())
          .setGeofence(fence.name())
          .setPosition(state.getPosition())
          .build();
    }
  }
}
