package dev.signalyard.streams.fleet;

import dev.signalyard.fleet.roundtrips.StartPoint;
import dev.signalyard.schemas.fleet.FleetLocation;
import dev.signalyard.schemas.fleet.FleetSettings;
import dev.signalyard.schemas.fleet.FleetVehicle;
import dev.signalyard.schemas.fleet.ParkingSpot;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet's reference data as the topologies see it: locations (with their extra parking spots),
 * vehicles and settings, each a global store over its compacted topic, so every task sees every
 * vehicle's location whatever partition the vehicle's trips are on.
 *
 * <p>The stores hold the raw record bytes and decoding happens here: a record that is not valid
 * Avro is skipped (and logged) instead of stopping the global thread, and a store restored from its
 * topic needs no serde agreement. Locations and settings change rarely and are needed on every
 * trip, so they are decoded once and re-read every {@code refresh} of wall-clock time; a vehicle is
 * read on each use.
 *
 * <p>Thread-safety: an instance belongs to one processor, used by its stream thread only.
 */
final class FleetReference {

  /** Global store over fleet-locations: location id to FleetLocation bytes. */
  static final String LOCATIONS_STORE = "fleet-locations-store";

  /** Global store over fleet-vehicles: vehicle id to FleetVehicle bytes. */
  static final String VEHICLES_STORE = "fleet-vehicles-store";

  /** Global store over fleet-settings: "simulation" to FleetSettings bytes. */
  static final String SETTINGS_STORE = "fleet-settings-store";

  private static final Logger log = LoggerFactory.getLogger(FleetReference.class);
  private static final AvroSerde<FleetLocation> LOCATION_SERDE = AvroSerde.of(FleetLocation.class);
  private static final AvroSerde<FleetVehicle> VEHICLE_SERDE = AvroSerde.of(FleetVehicle.class);
  private static final AvroSerde<FleetSettings> SETTINGS_SERDE = AvroSerde.of(FleetSettings.class);

  private final ProcessingContext context;
  private final long refreshMs;
  private final ReadOnlyKeyValueStore<String, ValueAndTimestamp<byte[]>> locations;
  private final ReadOnlyKeyValueStore<String, ValueAndTimestamp<byte[]>> vehicles;
  private final ReadOnlyKeyValueStore<String, ValueAndTimestamp<byte[]>> settingsStore;
  private List<StartPoint> starts;
  private FleetSettingValues settings;
  private long loadedAtMs;

  FleetReference(ProcessingContext context, Duration refresh) {
    this.context = context;
    this.refreshMs = refresh.toMillis();
    this.locations = context.getStateStore(LOCATIONS_STORE);
    this.vehicles = context.getStateStore(VEHICLES_STORE);
    this.settingsStore = context.getStateStore(SETTINGS_STORE);
  }

  /**
   * Adds the three global stores to {@code builder}. Call once per builder, before the fleet
   * topologies.
   */
  static void addGlobalStores(StreamsBuilder builder) {
    globalStore(builder, TopicCatalog.FLEET_LOCATIONS.name(), LOCATIONS_STORE);
    globalStore(builder, TopicCatalog.FLEET_VEHICLES.name(), VEHICLES_STORE);
    globalStore(builder, TopicCatalog.FLEET_SETTINGS.name(), SETTINGS_STORE);
  }

  private static void globalStore(StreamsBuilder builder, String topic, String store) {
    builder.globalTable(
        topic,
        Consumed.with(Serdes.String(), Serdes.ByteArray()),
        Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as(store)
            .withKeySerde(Serdes.String())
            .withValueSerde(Serdes.ByteArray()));
  }

  /**
   * Every start point: each live location's main spot and extra spots, the extra ones carrying the
   * parent location id (as the reference does since its PR #204).
   */
  List<StartPoint> starts() {
    reloadIfDue();
    return starts;
  }

  /** The settings, with the reference's defaults for what is absent. */
  FleetSettingValues settings() {
    reloadIfDue();
    return settings;
  }

  /** The vehicle, or null when unknown, deleted or unreadable. */
  FleetVehicle vehicle(long vehicleId) {
    FleetVehicle vehicle = decode(vehicles.get(Long.toString(vehicleId)), VEHICLE_SERDE);
    return vehicle == null || vehicle.getDeleted() ? null : vehicle;
  }

  /** The location, or null when unknown, deleted or unreadable. */
  FleetLocation location(long locationId) {
    FleetLocation location = decode(locations.get(Long.toString(locationId)), LOCATION_SERDE);
    return location == null || location.getDeleted() ? null : location;
  }

  private void reloadIfDue() {
    long now = context.currentSystemTimeMs();
    if (starts != null && now - loadedAtMs < refreshMs) {
      return;
    }
    List<StartPoint> loaded = new ArrayList<>();
    try (KeyValueIterator<String, ValueAndTimestamp<byte[]>> all = locations.all()) {
      all.forEachRemaining(
          entry -> {
            FleetLocation location = decode(entry.value, LOCATION_SERDE);
            if (location != null && !location.getDeleted()) {
              loaded.add(
                  new StartPoint(
                      location.getId(), location.getLatitude(), location.getLongitude()));
              for (ParkingSpot spot : location.getAdditions()) {
                loaded.add(
                    new StartPoint(location.getId(), spot.getLatitude(), spot.getLongitude()));
              }
            }
          });
    }
    starts = List.copyOf(loaded);
    FleetSettings stored = decode(settingsStore.get("simulation"), SETTINGS_SERDE);
    settings = FleetSettingValues.of(stored == null ? null : stored.getValues());
    loadedAtMs = now;
  }

  private static <T extends org.apache.avro.specific.SpecificRecord> T decode(
      ValueAndTimestamp<byte[]> stored, AvroSerde<T> serde) {
    if (stored == null || stored.value() == null) {
      return null;
    }
    try {
      return serde.decode(stored.value());
    } catch (RuntimeException e) {
      log.warn("Skipping an unreadable {} in a fleet reference store: {}", serde, e.toString());
      return null;
    }
  }
}
