package dev.signalyard.queryapi.fleet.precision;

import dev.signalyard.fleet.roundtrips.AggregatedRoundtrip;
import dev.signalyard.fleet.roundtrips.AggregationSettings;
import dev.signalyard.fleet.roundtrips.AggregationType;
import dev.signalyard.fleet.roundtrips.Precision;
import dev.signalyard.fleet.roundtrips.RoundtripAggregator;
import dev.signalyard.fleet.roundtrips.StartPoint;
import dev.signalyard.fleet.roundtrips.TripLog;
import dev.signalyard.fleet.roundtrips.VehiclePrecision;
import dev.signalyard.platform.kafka.SignalyardKafkaProperties;
import dev.signalyard.queryapi.fleet.precision.PrecisionTestState.Result;
import dev.signalyard.queryapi.fleet.precision.PrecisionTestState.Spot;
import dev.signalyard.queryapi.fleet.precision.PrecisionTestState.Status;
import dev.signalyard.queryapi.fleet.precision.PrecisionTestState.VehicleResult;
import dev.signalyard.queryapi.fleet.statistics.FleetViews;
import dev.signalyard.schemas.fleet.FleetLocation;
import dev.signalyard.schemas.fleet.FleetVehicle;
import dev.signalyard.schemas.fleet.ParkingSpot;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Runs live precision tests: for each vehicle of a location, its stored trips since {@code from}
 * (read from {@code fleet-trips} by a {@link TripScan}) are re-aggregated with the start points of
 * every other location plus the proposed parking spots, and {@link Precision} gives each vehicle's
 * and the location's precision. Nothing is written anywhere: the roundtrips exist only in the
 * test's memory and are dropped with it.
 *
 * <p>Tests run on a bounded pool of worker threads ({@link PrecisionTestProperties#workers()}) with
 * a bounded queue; a test is cancelled between two vehicles (or between two polls while reading).
 * Finished tests are kept for {@link PrecisionTestProperties#retention()}, at most {@link
 * PrecisionTestProperties#maxKept()} of them.
 *
 * <p>Thread-safety: thread-safe; the runs map is concurrent and each run guards its own state.
 */
public final class PrecisionTests implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(PrecisionTests.class);

  /** The test was refused because the queue is full. */
  static final class BusyException extends RuntimeException {
    BusyException(String message) {
      super(message);
    }
  }

  private final FleetViews views;
  private final SignalyardKafkaProperties kafka;
  private final PrecisionTestProperties properties;
  private final Clock clock;
  private final RoundtripAggregator aggregator =
      new RoundtripAggregator(AggregationSettings.defaults());
  private final Map<String, PrecisionTestRun> runs = new ConcurrentHashMap<>();
  private final ThreadPoolExecutor workers;

  public PrecisionTests(
      FleetViews views,
      SignalyardKafkaProperties kafka,
      PrecisionTestProperties properties,
      Clock clock) {
    this.views = views;
    this.kafka = kafka;
    this.properties = properties;
    this.clock = clock;
    AtomicInteger threads = new AtomicInteger();
    this.workers =
        new ThreadPoolExecutor(
            properties.workers(),
            properties.workers(),
            0,
            TimeUnit.MILLISECONDS,
            properties.queueCapacity() == 0
                ? new SynchronousQueue<>()
                : new ArrayBlockingQueue<>(properties.queueCapacity()),
            task -> {
              Thread thread = new Thread(task, "precision-test-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Queues a test of {@code locationId} with {@code spots} over the trips since {@code from}.
   *
   * @throws BusyException when the queue is full
   */
  PrecisionTestRun submit(long locationId, List<Spot> spots, LocalDate from) {
    evictFinished();
    PrecisionTestRun run =
        new PrecisionTestRun(
            UUID.randomUUID().toString(), locationId, from, spots, clock.instant());
    runs.put(run.id(), run);
    try {
      workers.execute(() -> execute(run));
    } catch (RejectedExecutionException e) {
      runs.remove(run.id());
      throw new BusyException(
          "Too many precision tests are running or queued on this node; retry later");
    }
    return run;
  }

  /** The views the tests read the locations and vehicles from. */
  FleetViews views() {
    return views;
  }

  Optional<PrecisionTestRun> find(String id) {
    return Optional.ofNullable(runs.get(id));
  }

  private void evictFinished() {
    Instant oldest = clock.instant().minus(properties.retention());
    runs.values().removeIf(r -> r.finishedAt() != null && r.finishedAt().isBefore(oldest));
    List<PrecisionTestRun> finished =
        runs.values().stream()
            .filter(r -> r.finishedAt() != null)
            .sorted(Comparator.comparing(PrecisionTestRun::finishedAt))
            .toList();
    for (int i = 0; i < finished.size() - properties.maxKept(); i++) {
      runs.remove(finished.get(i).id());
    }
  }

  private void execute(PrecisionTestRun run) {
    if (!run.begin()) {
      return;
    }
    try {
      Result result = test(run);
      run.finish(Status.DONE, result, null, clock.instant());
    } catch (CancellationException e) {
      run.finish(Status.CANCELLED, null, null, clock.instant());
    } catch (RuntimeException e) {
      log.warn("Precision test {} of location {} failed", run.id(), run.locationId(), e);
      run.finish(Status.FAILED, null, e.getMessage(), clock.instant());
    }
  }

  private Result test(PrecisionTestRun run) {
    List<FleetVehicle> vehicles =
        views.vehicles().stream()
            .filter(v -> v.getLocationId() != null && v.getLocationId() == run.locationId())
            .sorted(Comparator.comparingLong(FleetVehicle::getId))
            .toList();
    Set<Long> ids = vehicles.stream().map(FleetVehicle::getId).collect(Collectors.toSet());
    Instant from = run.from().atStartOfDay().toInstant(ZoneOffset.UTC);
    TripScan scan =
        new TripScan(
            kafka,
            "signalyard-precision-test-" + run.id(),
            properties.maxTrips(),
            properties.scanTimeout());
    Map<Long, List<TripLog>> trips =
        ids.isEmpty() ? Map.of() : scan.read(ids, from, run::cancelRequested);
    run.tripsRead(vehicles.size(), scan.tripsRead());
    List<StartPoint> starts = starts(run);
    List<VehicleResult> results = new ArrayList<>();
    List<VehiclePrecision> precisions = new ArrayList<>();
    for (FleetVehicle vehicle : vehicles) {
      if (run.cancelRequested()) {
        throw new CancellationException("cancelled");
      }
      List<TripLog> own = trips.getOrDefault(vehicle.getId(), List.of());
      List<AggregatedRoundtrip> roundtrips = aggregator.aggregate(own, starts);
      VehiclePrecision precision = Precision.ofVehicle(own, roundtrips);
      precisions.add(precision);
      results.add(
          new VehicleResult(
              vehicle.getId(),
              vehicle.getPlate(),
              own.size(),
              roundtrips.size(),
              (int) roundtrips.stream().filter(r -> r.type() == AggregationType.COMPLETE).count(),
              precision.rawKm(),
              precision.completeKm(),
              precision.precision()));
      run.vehicleDone();
    }
    double combined = Precision.combined(precisions);
    return new Result(
        combined,
        100.0 * combined,
        precisions.stream().mapToDouble(VehiclePrecision::rawKm).sum(),
        precisions.stream().mapToDouble(VehiclePrecision::completeKm).sum(),
        results);
  }

  /** Every other location's spots (carrying their location's id) and the proposed ones. */
  private List<StartPoint> starts(PrecisionTestRun run) {
    List<StartPoint> starts = new ArrayList<>();
    for (FleetLocation location : views.locations()) {
      if (location.getId() == run.locationId()) {
        continue;
      }
      starts.add(new StartPoint(location.getId(), location.getLatitude(), location.getLongitude()));
      for (ParkingSpot spot : location.getAdditions()) {
        starts.add(new StartPoint(location.getId(), spot.getLatitude(), spot.getLongitude()));
      }
    }
    for (Spot spot : run.spots()) {
      starts.add(new StartPoint(run.locationId(), spot.latitude(), spot.longitude()));
    }
    return starts;
  }

  @Override
  public void destroy() {
    runs.values().forEach(r -> r.cancel(clock.instant()));
    workers.shutdownNow();
  }
}
