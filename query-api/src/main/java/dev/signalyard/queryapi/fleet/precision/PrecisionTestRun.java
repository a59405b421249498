package dev.signalyard.queryapi.fleet.precision;

import dev.signalyard.queryapi.fleet.precision.PrecisionTestState.Result;
import dev.signalyard.queryapi.fleet.precision.PrecisionTestState.Spot;
import dev.signalyard.queryapi.fleet.precision.PrecisionTestState.Status;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * One live precision test while it waits, runs and after it ended: its state, and a feed of every
 * state change (the newest replayed to each new subscriber) that completes when the test ends.
 *
 * <p>Thread-safety: thread-safe. The worker thread advances it and the web threads read it or ask
 * to cancel; every change is made and published under the run's lock, so subscribers see the states
 * in order.
 */
final class PrecisionTestRun {

  private final String id;
  private final long locationId;
  private final LocalDate from;
  private final List<Spot> spots;
  private final Instant createdAt;
  private final Sinks.Many<PrecisionTestState> updates = Sinks.many().replay().latest();
  private Status status = Status.QUEUED;
  private int vehicles;
  private int vehiclesDone;
  private int tripsRead;
  private Result result;
  private String error;
  private volatile boolean cancelRequested;
  private Instant finishedAt;

  PrecisionTestRun(String id, long locationId, LocalDate from, List<Spot> spots, Instant now) {
    this.id = id;
    this.locationId = locationId;
    this.from = from;
    this.spots = List.copyOf(spots);
    this.createdAt = now;
    updates.tryEmitNext(state());
  }

  String id() {
    return id;
  }

  long locationId() {
    return locationId;
  }

  LocalDate from() {
    return from;
  }

  List<Spot> spots() {
    return spots;
  }

  synchronized PrecisionTestState state() {
    double progress =
        status == Status.DONE ? 1.0 : vehicles > 0 ? (double) vehiclesDone / vehicles : 0.0;
    return new PrecisionTestState(
        id,
        locationId,
        from,
        spots,
        status,
        vehicles,
        vehiclesDone,
        progress,
        tripsRead,
        result,
        error,
        createdAt);
  }

  /** Every state from the current one on; completes after the final state. */
  Flux<PrecisionTestState> updates() {
    return updates.asFlux();
  }

  boolean cancelRequested() {
    return cancelRequested;
  }

  /** When it ended, null while it has not. */
  synchronized Instant finishedAt() {
    return finishedAt;
  }

  /** Asks the test to stop; a queued test is cancelled at once, a running one at its next step. */
  synchronized void cancel(Instant now) {
    cancelRequested = true;
    if (status == Status.QUEUED) {
      finish(Status.CANCELLED, null, null, now);
    }
  }

  /** Moves a queued test to running; false when it was cancelled meanwhile. */
  synchronized boolean begin() {
    if (status != Status.QUEUED) {
      return false;
    }
    status = Status.RUNNING;
    publish();
    return true;
  }

  synchronized void tripsRead(int vehicleCount, int trips) {
    this.vehicles = vehicleCount;
    this.tripsRead = trips;
    publish();
  }

  synchronized void vehicleDone() {
    vehiclesDone++;
    publish();
  }

  synchronized void finish(Status end, Result outcome, String failure, Instant now) {
    if (status.finished()) {
      return;
    }
    status = end;
    result = outcome;
    error = failure;
    finishedAt = now;
    publish();
    updates.tryEmitComplete();
  }

  private void publish() {
    updates.tryEmitNext(state());
  }
}
