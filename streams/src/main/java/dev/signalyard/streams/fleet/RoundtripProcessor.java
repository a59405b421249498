package dev.signalyard.streams.fleet;

import dev.signalyard.fleet.roundtrips.AggregatedRoundtrip;
import dev.signalyard.fleet.roundtrips.RoundtripAggregator;
import dev.signalyard.fleet.roundtrips.TripLog;
import dev.signalyard.schemas.fleet.FleetVehicle;
import dev.signalyard.schemas.fleet.Trip;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.streams.deadletters.DeadLetters;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Adds each trip to its vehicle's pending trips and, whenever the vehicle's trip time has moved on
 * by the aggregation interval (or too many trips are pending), runs the aggregator over them and
 * emits the roundtrips that have become final. Forwards {@link
 * dev.signalyard.schemas.fleet.Roundtrip}s and {@link dev.signalyard.schemas.common.DeadLetter}s,
 * keyed by vehicle id.
 *
 * <p>Invariant: every pending trip of a vehicle starts at or after the end of its last final
 * roundtrip ({@link VehicleProgress#finalisedUntilMs()}), so the pending trips are what the
 * reference's next incremental load would read.
 *
 * <p>Thread-safety: one instance per stream task, used by its thread only.
 */
final class RoundtripProcessor implements Processor<String, byte[], String, SpecificRecord> {

  private static final AvroSerde<Trip> TRIP_SERDE = AvroSerde.of(Trip.class);
  private static final Comparator<Trip> BY_START =
      Comparator.comparing(Trip::getStartTime).thenComparing(Trip::getTripId);

  private final FleetStreamsProperties properties;
  private final Clock clock;
  private final RoundtripAggregator aggregator;
  private ProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, Trip> pending;
  private KeyValueStore<String, VehicleProgress> progress;
  private FleetReference reference;

  RoundtripProcessor(FleetStreamsProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
    this.aggregator = new RoundtripAggregator(properties.aggregation());
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.pending = context.getStateStore(RoundtripTopology.PENDING_STORE);
    this.progress = context.getStateStore(RoundtripTopology.PROGRESS_STORE);
    this.reference = new FleetReference(context, properties.referenceRefresh());
  }

  @Override
  public void process(Record<String, byte[]> record) {
    Trip trip;
    try {
      trip = record.value() == null ? null : TRIP_SERDE.decode(record.value());
    } catch (RuntimeException e) {
      deadLetter(record, e.getClass().getSimpleName() + ": " + e.getMessage());
      return;
    }
    String problem = TripChecks.problem(record.key(), trip);
    if (problem != null) {
      deadLetter(record, problem);
      return;
    }
    String vehicle = record.key();
    VehicleProgress before = progress.get(vehicle);
    if (before == null) {
      before = VehicleProgress.NONE;
    }
    long newestStart = Math.max(before.newestStartMs(), trip.getStartTime().toEpochMilli());
    Instant keepFrom = keepFrom(newestStart);
    String refusal = refusal(trip, before, keepFrom);
    if (refusal != null) {
      deadLetter(record, refusal);
      return;
    }
    String key = pendingKey(vehicle, trip.getTripId());
    boolean repeat = pending.get(key) != null;
    pending.put(key, trip);
    int pendingTrips = before.pendingTrips() + (repeat ? 0 : 1);
    boolean overflow = pendingTrips > properties.maxPendingTrips();
    boolean due =
        before.aggregatedAtMs() == Long.MIN_VALUE
            || newestStart - before.aggregatedAtMs() >= properties.aggregationInterval().toMillis();
    if (!overflow && !due) {
      progress.put(
          vehicle,
          new VehicleProgress(
              before.finalisedUntilMs(), newestStart, before.aggregatedAtMs(), pendingTrips));
      return;
    }
    progress.put(vehicle, finalise(record, trip.getVehicleId(), newestStart, keepFrom, before));
  }

  /**
   * Why a valid trip cannot be aggregated any more, or null when it can: it starts before the end
   * of the vehicle's last final roundtrip, or before what keep_data keeps.
   */
  private static String refusal(Trip trip, VehicleProgress before, Instant keepFrom) {
    if (trip.getStartTime().toEpochMilli() < before.finalisedUntilMs()) {
      return "late beyond bound: trip "
          + trip.getTripId()
          + " starts at "
          + trip.getStartTime()
          + ", before the end of the vehicle's last final roundtrip ("
          + Instant.ofEpochMilli(before.finalisedUntilMs())
          + "); it repeats an aggregated trip or arrived more than the lateness bound late";
    }
    if (trip.getStartTime().isBefore(keepFrom)) {
      return "trip "
          + trip.getTripId()
          + " starts at "
          + trip.getStartTime()
          + ", older than keep_data allows (kept from "
          + keepFrom
          + ")";
    }
    return null;
  }

  /**
   * Aggregates the vehicle's pending trips, emits the final roundtrips, removes their trips (and
   * any trip older than keep_data) from the pending store.
   *
   * @return the vehicle's progress afterwards
   */
  private VehicleProgress finalise(
      Record<String, byte[]> record,
      long vehicleId,
      long newestStart,
      Instant keepFrom,
      VehicleProgress before) {
    String vehicle = record.key();
    List<Trip> trips = pendingTrips(vehicle, keepFrom);
    boolean overflow = trips.size() > properties.maxPendingTrips();
    long watermark = overflow ? Long.MAX_VALUE : newestStart - properties.lateness().toMillis();
    long finalisedUntil = before.finalisedUntilMs();
    if (!overflow && trips.get(0).getEndTime().toEpochMilli() >= watermark) {
      // No roundtrip can end before its first trip does: nothing can be final yet.
      return new VehicleProgress(finalisedUntil, newestStart, newestStart, trips.size());
    }
    List<TripLog> logs = trips.stream().map(RoundtripRecords::tripLog).toList();
    List<AggregatedRoundtrip> found =
        new ArrayList<>(aggregator.aggregate(logs, reference.starts()));
    found.sort(Comparator.comparing(AggregatedRoundtrip::start));
    FleetVehicle car = null;
    boolean carLoaded = false;
    for (AggregatedRoundtrip roundtrip : found) {
      long end = roundtrip.end().toEpochMilli();
      if (end >= watermark) {
        break;
      }
      if (!carLoaded) {
        car = reference.vehicle(vehicleId);
        carLoaded = true;
      }
      Long locationId = car == null ? null : car.getLocationId();
      context.forward(
          record.withValue(
              (SpecificRecord)
                  RoundtripRecords.roundtrip(
                      vehicleId,
                      roundtrip,
                      locationId,
                      roundtrip.home() == null && locationId != null
                          ? reference.location(locationId)
                          : null)));
      finalisedUntil = Math.max(finalisedUntil, end);
    }
    List<Trip> left = new ArrayList<>();
    for (Trip trip : trips) {
      if (trip.getStartTime().toEpochMilli() < finalisedUntil) {
        pending.delete(pendingKey(vehicle, trip.getTripId()));
      } else {
        left.add(trip);
      }
    }
    int kept = dropOverflow(record, left);
    return new VehicleProgress(finalisedUntil, newestStart, newestStart, kept);
  }

  /** The vehicle's pending trips in time order, after removing those older than keep_data. */
  private List<Trip> pendingTrips(String vehicle, Instant keepFrom) {
    List<Trip> trips = new ArrayList<>();
    List<String> expired = new ArrayList<>();
    try (KeyValueIterator<String, Trip> all =
        pending.prefixScan(vehicle + "|", Serdes.String().serializer())) {
      all.forEachRemaining(
          entry -> {
            if (entry.value.getStartTime().isBefore(keepFrom)) {
              expired.add(entry.key);
            } else {
              trips.add(entry.value);
            }
          });
    }
    expired.forEach(pending::delete);
    trips.sort(BY_START);
    return trips;
  }

  /**
   * Keeps the pending store bounded when no home is ever reached (a vehicle without a known
   * location nearby): the oldest trips beyond the bound go to dead-letters.
   */
  private int dropOverflow(Record<String, byte[]> record, List<Trip> left) {
    int excess = left.size() - properties.maxPendingTrips();
    for (int i = 0; i < excess; i++) {
      Trip trip = left.get(i);
      pending.delete(pendingKey(record.key(), trip.getTripId()));
      context.forward(
          record
              .withValue(
                  (SpecificRecord)
                      DeadLetters.of(
                          context.recordMetadata(),
                          RoundtripTopology.STAGE,
                          "dropped trip "
                              + trip.getTripId()
                              + ": more than "
                              + properties.maxPendingTrips()
                              + " trips of the vehicle are pending and no roundtrip closes them",
                          record.key(),
                          TRIP_SERDE.encode(trip),
                          clock.instant()))
              .withTimestamp(record.timestamp()));
    }
    return left.size() - Math.max(excess, 0);
  }

  private Instant keepFrom(long newestStartMs) {
    return Instant.ofEpochMilli(newestStartMs)
        .atZone(ZoneOffset.UTC)
        .minusMonths(reference.settings().keepDataMonths())
        .toInstant();
  }

  private static String pendingKey(String vehicle, String tripId) {
    return vehicle + "|" + tripId;
  }

  private void deadLetter(Record<String, byte[]> record, String reason) {
    context.forward(
        record.withValue(
            (SpecificRecord)
                DeadLetters.of(
                    context.recordMetadata(),
                    RoundtripTopology.STAGE,
                    reason,
                    record.key(),
                    record.value(),
                    clock.instant())));
  }
}
