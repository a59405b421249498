package dev.signalyard.queryapi.fleet.precision;

import dev.signalyard.fleet.roundtrips.TripLog;
import dev.signalyard.platform.kafka.SignalyardKafkaProperties;
import dev.signalyard.schemas.fleet.Trip;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the stored trips of some vehicles since a point in time from {@code fleet-trips}, with a
 * consumer of its own (no group, nothing committed) that stops at the end offsets seen when it
 * started.
 *
 * <p>Why a scan and not an in-memory view of the topic: the topic keeps 731 days of every vehicle's
 * raw trips (millions of records for a large fleet), which no query node should hold for a test
 * that runs now and then. Each partition is read from the first record whose timestamp is at or
 * after {@code from} (records are stamped when produced, never before the trip started), and only
 * the asked vehicles' trips starting at or after {@code from} are decoded and kept, at most {@code
 * maxTrips} of them. A repeated trip id replaces the earlier trip, as the topic documents.
 *
 * <p>Thread-safety: not thread-safe; one scan per instance, on the calling (worker) thread.
 */
final class TripScan {

  private static final AvroSerde<Trip> TRIPS = AvroSerde.of(Trip.class);

  private final Map<String, Object> config;
  private final int maxTrips;
  private final Duration timeout;
  private int tripsRead;

  TripScan(SignalyardKafkaProperties kafka, String clientId, int maxTrips, Duration timeout) {
    Map<String, Object> c = kafka.clientConfig();
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    c.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    this.config = c;
    this.maxTrips = maxTrips;
    this.timeout = timeout;
  }

  /** The trips kept by the last {@link #read}. */
  int tripsRead() {
    return tripsRead;
  }

  /**
   * The trips of {@code vehicleIds} that start at or after {@code from}, per vehicle.
   *
   * @throws CancellationException when {@code cancelled} turns true during the scan
   * @throws IllegalStateException when there are more than {@code maxTrips} trips or the scan takes
   *     longer than its timeout
   */
  Map<Long, List<TripLog>> read(Set<Long> vehicleIds, Instant from, BooleanSupplier cancelled) {
    Map<Long, Map<String, TripLog>> trips = new HashMap<>();
    tripsRead = 0;
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      String topic = TopicCatalog.FLEET_TRIPS.name();
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic, timeout)
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      consumer.assign(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      Map<TopicPartition, Long> timestamps = new HashMap<>();
      partitions.forEach(p -> timestamps.put(p, from.toEpochMilli()));
      Map<TopicPartition, OffsetAndTimestamp> start = consumer.offsetsForTimes(timestamps, timeout);
      List<TopicPartition> remaining = new ArrayList<>();
      for (TopicPartition partition : partitions) {
        OffsetAndTimestamp first = start.get(partition);
        if (first != null && first.offset() < end.get(partition)) {
          consumer.seek(partition, first.offset());
          remaining.add(partition);
        }
      }
      consumer.assign(remaining);
      while (!remaining.isEmpty()) {
        if (cancelled.getAsBoolean()) {
          throw new CancellationException("cancelled while reading trips");
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("reading the trips took longer than " + timeout);
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          keep(record, vehicleIds, from, trips);
        }
        remaining.removeIf(p -> consumer.position(p) >= end.get(p));
        consumer.assign(remaining);
      }
    }
    Map<Long, List<TripLog>> perVehicle = new LinkedHashMap<>();
    trips.forEach((vehicle, byId) -> perVehicle.put(vehicle, List.copyOf(byId.values())));
    return perVehicle;
  }

  private void keep(
      ConsumerRecord<String, byte[]> record,
      Set<Long> vehicleIds,
      Instant from,
      Map<Long, Map<String, TripLog>> trips) {
    if (record.key() == null || record.value() == null) {
      return;
    }
    long vehicleId;
    try {
      vehicleId = Long.parseLong(record.key());
    } catch (NumberFormatException e) {
      return;
    }
    if (!vehicleIds.contains(vehicleId)) {
      return;
    }
    Trip trip;
    try {
      trip = TRIPS.decode(record.value());
    } catch (RuntimeException e) {
      return;
    }
    if (trip.getStartTime().isBefore(from)) {
      return;
    }
    TripLog log =
        new TripLog(
            trip.getTripId(),
            trip.getStartTime(),
            trip.getEndTime(),
            trip.getStartLatitude(),
            trip.getStartLongitude(),
            trip.getEndLatitude(),
            trip.getEndLongitude(),
            trip.getDistanceKm());
    if (trips.computeIfAbsent(vehicleId, v -> new HashMap<>()).put(trip.getTripId(), log) == null
        && ++tripsRead > maxTrips) {
      throw new IllegalStateException(
          "the location's vehicles drove more than "
              + maxTrips
              + " trips since "
              + from
              + "; choose a later from");
    }
  }
}
