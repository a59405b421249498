package dev.signalyard.queryapi.fleet.statistics;

import dev.signalyard.schemas.fleet.AggregationType;
import dev.signalyard.schemas.fleet.FleetDailyUsage;
import dev.signalyard.schemas.fleet.FleetLocation;
import dev.signalyard.schemas.fleet.FleetVehicle;
import dev.signalyard.schemas.fleet.ParkingSpot;
import dev.signalyard.schemas.fleet.Roundtrip;
import dev.signalyard.schemas.fleet.RoundtripSegment;
import dev.signalyard.schemas.fleet.Trip;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import dev.signalyard.testsupport.Await;
import dev.signalyard.testsupport.KafkaTestBroker;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces fleet records to the shared test broker the way the streams service and the outbox relay
 * do (same topics, keys and Avro encoding), with ids no other test uses.
 */
public final class FleetTopics implements AutoCloseable {

  private static final Instant UPDATED = Instant.parse("2026-01-01T00:00:00Z");

  private final KafkaProducer<String, byte[]> producer =
      new KafkaProducer<>(
          Map.of(
              ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
              KafkaTestBroker.shared().bootstrapServers(),
              ProducerConfig.LINGER_MS_CONFIG,
              0),
          new StringSerializer(),
          new ByteArraySerializer());

  /** A base for ids no other test class or run uses (ids are base + small numbers). */
  public static long uniqueBase() {
    return 5_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L) * 1000;
  }

  public void location(long id, String address, double latitude, double longitude) {
    location(id, address, latitude, longitude, List.of());
  }

  public void location(
      long id, String address, double latitude, double longitude, List<double[]> additions) {
    List<ParkingSpot> spots = new ArrayList<>();
    additions.forEach(a -> spots.add(new ParkingSpot(a[0], a[1])));
    send(
        TopicCatalog.FLEET_LOCATIONS.name(),
        Long.toString(id),
        AvroSerde.of(FleetLocation.class)
            .encode(
                FleetLocation.newBuilder()
                    .setId(id)
                    .setAddress(address)
                    .setLatitude(latitude)
                    .setLongitude(longitude)
                    .setAdditions(spots)
                    .setUpdatedAt(UPDATED)
                    .build()));
  }

  public void vehicle(long id, long locationId, int typeId, int fuelId, String plate) {
    send(
        TopicCatalog.FLEET_VEHICLES.name(),
        Long.toString(id),
        AvroSerde.of(FleetVehicle.class)
            .encode(
                FleetVehicle.newBuilder()
                    .setId(id)
                    .setPlate(plate)
                    .setTypeId(typeId)
                    .setFuelId(fuelId)
                    .setLocationId(locationId)
                    .setUpdatedAt(UPDATED)
                    .build()));
  }

  public void usage(
      long vehicleId,
      LocalDate date,
      Long locationId,
      int fuelId,
      double km,
      int roundtrips,
      long drivingSeconds,
      double co2eKg) {
    send(
        TopicCatalog.FLEET_DAILY_USAGE.name(),
        vehicleId + "|" + date,
        AvroSerde.of(FleetDailyUsage.class)
            .encode(
                FleetDailyUsage.newBuilder()
                    .setVehicleId(vehicleId)
                    .setLocationId(locationId)
                    .setDate(date)
                    .setKm(km)
                    .setRoundtrips(roundtrips)
                    .setDrivingSeconds(drivingSeconds)
                    .setFuelId(fuelId)
                    .setCo2eKg(co2eKg)
                    .build()));
  }

  public void usageTombstone(long vehicleId, LocalDate date) {
    send(TopicCatalog.FLEET_DAILY_USAGE.name(), vehicleId + "|" + date, null);
  }

  /**
   * A roundtrip of one or more segments, each {@code {startIso, endIso, km}}; its km is their sum.
   */
  public Roundtrip roundtrip(
      long vehicleId,
      Long locationId,
      AggregationType type,
      boolean deleted,
      String[]... segments) {
    List<RoundtripSegment> parts = new ArrayList<>();
    double km = 0;
    for (int i = 0; i < segments.length; i++) {
      double segmentKm = Double.parseDouble(segments[i][2]);
      km += segmentKm;
      parts.add(
          new RoundtripSegment(
              "t" + i + "-" + segments[i][0],
              segmentKm,
              Instant.parse(segments[i][0]),
              Instant.parse(segments[i][1])));
    }
    Instant start = parts.get(0).getStartTime();
    Roundtrip roundtrip =
        Roundtrip.newBuilder()
            .setId(vehicleId + "-" + start.toEpochMilli())
            .setVehicleId(vehicleId)
            .setStartTime(start)
            .setEndTime(parts.get(parts.size() - 1).getEndTime())
            .setStartLatitude(55.0)
            .setStartLongitude(12.0)
            .setEndLatitude(55.0)
            .setEndLongitude(12.0)
            .setDistanceKm(km)
            .setAggregationType(type)
            .setStartLocationId(locationId)
            .setSegments(parts)
            .setDeleted(deleted)
            .build();
    send(
        TopicCatalog.FLEET_ROUNDTRIPS.name(),
        Long.toString(vehicleId),
        AvroSerde.of(Roundtrip.class).encode(roundtrip));
    return roundtrip;
  }

  /** One raw trip, as the trip upload or an extractor writes it. */
  public void trip(
      long vehicleId,
      String tripId,
      Instant start,
      Duration duration,
      double[] from,
      double[] to,
      double km) {
    send(
        TopicCatalog.FLEET_TRIPS.name(),
        Long.toString(vehicleId),
        AvroSerde.of(Trip.class)
            .encode(
                Trip.newBuilder()
                    .setVehicleId(vehicleId)
                    .setTripId(tripId)
                    .setSource("UPLOAD")
                    .setStartTime(start)
                    .setEndTime(start.plus(duration))
                    .setStartLatitude(from[0])
                    .setStartLongitude(from[1])
                    .setEndLatitude(to[0])
                    .setEndLongitude(to[1])
                    .setDistanceKm(km)
                    .setReceivedAt(Instant.now())
                    .build()));
  }

  private void send(String topic, String key, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (Exception e) {
      throw new AssertionError("could not produce to " + topic, e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }

  /** Waits up to 30 s for {@code condition}. */
  public static void await(BooleanSupplier condition) {
    Await.until(Duration.ofSeconds(30), condition);
  }
}
