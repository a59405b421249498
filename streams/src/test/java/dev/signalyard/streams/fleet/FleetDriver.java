package dev.signalyard.streams.fleet;

import dev.signalyard.schemas.common.DeadLetter;
import dev.signalyard.schemas.fleet.FleetDailyUsage;
import dev.signalyard.schemas.fleet.FleetLocation;
import dev.signalyard.schemas.fleet.FleetSettings;
import dev.signalyard.schemas.fleet.FleetVehicle;
import dev.signalyard.schemas.fleet.ParkingSpot;
import dev.signalyard.schemas.fleet.Roundtrip;
import dev.signalyard.schemas.fleet.Trip;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The fleet topologies in a TopologyTestDriver with their input and output topics, and the
 * reference data the tests share: location 1 (main spot and one extra spot) and vehicle 7, a petrol
 * car at 20 km/l parked at location 1.
 */
final class FleetDriver implements AutoCloseable {

  static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  static final long LOCATION = 1;
  static final double HOME_LAT = 55.6761;
  static final double HOME_LON = 12.5683;
  static final double EXTRA_LAT = 55.7000;
  static final double EXTRA_LON = 12.6000;
  static final long VEHICLE = 7;

  final TopologyTestDriver driver;
  final TestInputTopic<String, byte[]> trips;
  final TestInputTopic<String, byte[]> roundtripsIn;
  final TestOutputTopic<String, Roundtrip> roundtrips;
  final TestOutputTopic<String, FleetDailyUsage> usage;
  final TestOutputTopic<String, DeadLetter> deadLetters;
  private final TestInputTopic<String, byte[]> locations;
  private final TestInputTopic<String, byte[]> vehicles;
  private final TestInputTopic<String, byte[]> settings;

  FleetDriver(FleetStreamsProperties properties) {
    StreamsBuilder builder = new StreamsBuilder();
    FleetTopologies.build(builder, properties, Clock.fixed(NOW, ZoneOffset.UTC));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "fleet");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    driver = new TopologyTestDriver(builder.build(), props, NOW);
    trips = input(TopicCatalog.FLEET_TRIPS.name());
    roundtripsIn = input(TopicCatalog.FLEET_ROUNDTRIPS.name());
    locations = input(TopicCatalog.FLEET_LOCATIONS.name());
    vehicles = input(TopicCatalog.FLEET_VEHICLES.name());
    settings = input(TopicCatalog.FLEET_SETTINGS.name());
    roundtrips =
        driver.createOutputTopic(
            TopicCatalog.FLEET_ROUNDTRIPS.name(),
            Serdes.String().deserializer(),
            AvroSerde.of(Roundtrip.class));
    usage =
        driver.createOutputTopic(
            TopicCatalog.FLEET_DAILY_USAGE.name(),
            Serdes.String().deserializer(),
            AvroSerde.of(FleetDailyUsage.class));
    deadLetters =
        driver.createOutputTopic(
            TopicCatalog.DEAD_LETTERS.name(),
            Serdes.String().deserializer(),
            AvroSerde.of(DeadLetter.class));
  }

  private TestInputTopic<String, byte[]> input(String topic) {
    return driver.createInputTopic(
        topic, Serdes.String().serializer(), Serdes.ByteArray().serializer());
  }

  /** Publishes location 1 and vehicle 7 (petrol, 20 km/l). */
  FleetDriver withReferenceData() {
    location(
        FleetLocation.newBuilder()
            .setId(LOCATION)
            .setAddress("Rådhuspladsen 1")
            .setLatitude(HOME_LAT)
            .setLongitude(HOME_LON)
            .setAdditions(List.of(new ParkingSpot(EXTRA_LAT, EXTRA_LON)))
            .setUpdatedAt(NOW)
            .build());
    vehicle(petrolCar(VEHICLE, 20.0));
    return this;
  }

  static FleetVehicle petrolCar(long id, double kmPerLitre) {
    return FleetVehicle.newBuilder()
        .setId(id)
        .setPlate("AB12345")
        .setTypeId(4)
        .setFuelId(1)
        .setWltpFossil(kmPerLitre)
        .setLocationId(LOCATION)
        .setUpdatedAt(NOW)
        .build();
  }

  void location(FleetLocation location) {
    locations.pipeInput(
        Long.toString(location.getId()), AvroSerde.of(FleetLocation.class).encode(location));
  }

  void vehicle(FleetVehicle vehicle) {
    vehicles.pipeInput(
        Long.toString(vehicle.getId()), AvroSerde.of(FleetVehicle.class).encode(vehicle));
  }

  void settings(Map<String, String> values) {
    settings.pipeInput(
        "simulation",
        AvroSerde.of(FleetSettings.class).encode(new FleetSettings(Map.copyOf(values), NOW)));
  }

  void trip(Trip trip) {
    trips.pipeInput(Long.toString(trip.getVehicleId()), AvroSerde.of(Trip.class).encode(trip), NOW);
  }

  void roundtrip(Roundtrip roundtrip) {
    roundtripsIn.pipeInput(
        Long.toString(roundtrip.getVehicleId()),
        AvroSerde.of(Roundtrip.class).encode(roundtrip),
        NOW);
  }

  @Override
  public void close() {
    driver.close();
  }
}
