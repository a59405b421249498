package dev.signalyard.ingest.fleet;

import dev.signalyard.schemas.fleet.ExtractorCheckpoint;
import dev.signalyard.schemas.fleet.Trip;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Pulls trips from the configured fleet-management systems every {@code interval}: per extractor
 * and vehicle, from its checkpoint (or {@code initial-lookback} ago) up to now minus {@code
 * safety-lag}, one {@link Extractor#window()} at a time. Each window's trips go to {@code
 * fleet-trips} (key: vehicle id) and, only once Kafka acknowledged all of them, the window's end
 * goes to {@code fleet-extractor-checkpoints} (key: {@code <extractor>|<vehicle id>}). A crash
 * between the two re-fetches that one window; a repeated trip carries the same trip id, which
 * downstream treats as a replacement. A system that fails or refuses a vehicle skips that vehicle
 * until the next round; the others go on.
 *
 * <p>With no extractor configured it does nothing at all: no thread, no Kafka client.
 *
 * <p>Thread-safety: {@link #start()} and {@link #stop()} may be called from any thread; rounds run
 * one after another on one thread of their own.
 */
public final class TripExtraction implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TripExtraction.class);
  private static final AvroSerde<Trip> TRIPS = AvroSerde.of(Trip.class);

  private final List<Extractor> extractors;
  private final Supplier<Producer<String, byte[]>> producers;
  private final Supplier<ExtractorCheckpoints> checkpointLoader;
  private final FleetExtractionProperties settings;
  private final ExtractorMetrics metrics;
  private final Clock clock;
  private final AtomicInteger completedRounds = new AtomicInteger();

  private volatile boolean running;
  private ScheduledExecutorService executor;
  private Producer<String, byte[]> producer;
  private ExtractorCheckpoints checkpoints;

  TripExtraction(
      List<Extractor> extractors,
      Supplier<Producer<String, byte[]>> producers,
      Supplier<ExtractorCheckpoints> checkpointLoader,
      FleetExtractionProperties settings,
      ExtractorMetrics metrics,
      Clock clock) {
    this.extractors = List.copyOf(extractors);
    this.producers = producers;
    this.checkpointLoader = checkpointLoader;
    this.settings = settings;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    if (extractors.isEmpty()) {
      log.info("Fleet trip extraction off: no extractors configured (EXTRACTORS)");
      return;
    }
    running = true;
    log.info(
        "Fleet trip extraction every {} for {}",
        settings.interval(),
        extractors.stream().map(Extractor::name).toList());
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "fleet-trip-extraction");
              thread.setDaemon(true);
              return thread;
            });
    executor.scheduleAtFixedRate(
        this::round,
        settings.initialDelay().toMillis(),
        settings.interval().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
        log.warn("Fleet trip extraction did not stop within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
      producer = null;
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Rounds finished since start, for tests and logs. */
  int completedRounds() {
    return completedRounds.get();
  }

  /** One round over every extractor; never throws, so the schedule goes on. */
  private void round() {
    try {
      if (checkpoints == null) {
        ExtractorCheckpoints loaded = checkpointLoader.get();
        producer = producers.get();
        checkpoints = loaded;
      }
      for (Extractor extractor : extractors) {
        if (running) {
          extract(extractor);
        }
      }
      completedRounds.incrementAndGet();
    } catch (RuntimeException e) {
      log.error("Fleet trip extraction round failed; retrying next round", e);
    }
  }

  private void extract(Extractor extractor) {
    List<FleetSystemVehicle> vehicles;
    try {
      vehicles = extractor.listVehicles();
    } catch (FleetSystemException e) {
      log.warn(
          "{}: could not list vehicles, skipped this round: {}", extractor.name(), e.getMessage());
      return;
    }
    Instant until = clock.instant().minus(settings.safetyLag());
    for (FleetSystemVehicle vehicle : vehicles) {
      if (!running) {
        return;
      }
      try {
        extract(extractor, vehicle, until);
      } catch (FleetSystemException e) {
        log.warn(
            "{}: vehicle {} skipped this round: {}",
            extractor.name(),
            vehicle.id(),
            e.getMessage());
      } catch (KafkaNotAcknowledged | KafkaException e) {
        metrics.failure(extractor.name(), "kafka");
        log.warn(
            "{}: vehicle {} skipped this round: {}",
            extractor.name(),
            vehicle.id(),
            e.getMessage());
      } catch (RuntimeException e) {
        // An answer in an unexpected shape (e.g. an unreadable timestamp) spoils this vehicle's
        // window, not the round.
        metrics.failure(extractor.name(), "unreadable");
        log.warn(
            "{}: vehicle {} skipped this round, unreadable answer: {}",
            extractor.name(),
            vehicle.id(),
            e.toString());
      }
    }
  }

  private void extract(Extractor extractor, FleetSystemVehicle vehicle, Instant until) {
    Instant from = checkpoints.fetchedUntil(extractor.name(), vehicle.id());
    if (from == null) {
      from = clock.instant().minus(settings.initialLookback());
    }
    while (running && from.isBefore(until)) {
      Instant to = from.plus(extractor.window());
      if (to.isAfter(until)) {
        to = until;
      }
      List<Trip> trips = extractor.fetchTrips(vehicle, from, to);
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (Trip trip : trips) {
        sent.add(
            producer.send(
                new ProducerRecord<>(
                    TopicCatalog.FLEET_TRIPS.name(),
                    Long.toString(trip.getVehicleId()),
                    TRIPS.encode(trip))));
      }
      awaitAcks(sent);
      metrics.trips(extractor.name(), trips.size());
      ExtractorCheckpoint checkpoint =
          ExtractorCheckpoint.newBuilder()
              .setExtractor(extractor.name())
              .setVehicleId(vehicle.id())
              .setFetchedUntil(to)
              .setUpdatedAt(clock.instant())
              .build();
      awaitAcks(
          List.of(
              producer.send(
                  new ProducerRecord<>(
                      TopicCatalog.FLEET_EXTRACTOR_CHECKPOINTS.name(),
                      ExtractorCheckpoints.key(extractor.name(), vehicle.id()),
                      ExtractorCheckpoints.encode(checkpoint)))));
      checkpoints.advance(extractor.name(), vehicle.id(), to);
      metrics.success(extractor.name(), clock.instant());
      log.debug(
          "{}: vehicle {} {} trips stored up to {}",
          extractor.name(),
          vehicle.id(),
          trips.size(),
          to);
      from = to;
    }
  }

  private void awaitAcks(List<Future<RecordMetadata>> sent) {
    producer.flush();
    long deadline = System.nanoTime() + settings.ackTimeout().toNanos();
    for (Future<RecordMetadata> future : sent) {
      try {
        future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw new KafkaNotAcknowledged(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KafkaNotAcknowledged(e);
      }
    }
  }

  /** Kafka did not acknowledge a window's records in time; the window is fetched again later. */
  private static final class KafkaNotAcknowledged extends RuntimeException {
    KafkaNotAcknowledged(Exception cause) {
      super("Kafka did not acknowledge: " + cause, cause);
    }
  }
}
