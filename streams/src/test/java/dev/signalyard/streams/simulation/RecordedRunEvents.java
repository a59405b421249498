package dev.signalyard.streams.simulation;

import dev.signalyard.schemas.fleet.SimulationProgress;
import dev.signalyard.schemas.fleet.SimulationResult;
import dev.signalyard.schemas.fleet.SimulationStatus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;

/** Keeps what the worker pool reports, in order, for a test to wait on and inspect. */
final class RecordedRunEvents implements RunEvents {

  private final List<SpecificRecord> all = new CopyOnWriteArrayList<>();

  @Override
  public void progress(SimulationProgress progress) {
    all.add(progress);
  }

  @Override
  public void result(SimulationResult result) {
    all.add(result);
  }

  /** Waits for the first progress of {@code id} in {@code status}. */
  SimulationProgress awaitProgress(String id, SimulationStatus status) {
    return (SimulationProgress)
        await(
            e ->
                e instanceof SimulationProgress p
                    && p.getId().equals(id)
                    && p.getStatus() == status);
  }

  /** Waits for the first progress of {@code id} in QUEUED with {@code ahead} runs ahead. */
  SimulationProgress awaitQueued(String id, int ahead) {
    return (SimulationProgress)
        await(
            e ->
                e instanceof SimulationProgress p
                    && p.getId().equals(id)
                    && p.getStatus() == SimulationStatus.QUEUED
                    && p.getQueuePosition() == ahead);
  }

  /** Waits until {@code id} was reported in {@code status} {@code times} times; returns them. */
  List<SimulationProgress> awaitRepeated(String id, SimulationStatus status, int times) {
    await(e -> progressOf(id).stream().filter(p -> p.getStatus() == status).count() >= times);
    return progressOf(id).stream().filter(p -> p.getStatus() == status).toList();
  }

  /** Waits for the result of {@code id}. */
  SimulationResult awaitResult(String id) {
    return (SimulationResult) await(e -> e instanceof SimulationResult r && r.getId().equals(id));
  }

  /** Every result reported so far. */
  List<SimulationResult> results() {
    return all.stream()
        .filter(SimulationResult.class::isInstance)
        .map(SimulationResult.class::cast)
        .toList();
  }

  /** Every progress of {@code id} reported so far. */
  List<SimulationProgress> progressOf(String id) {
    return all.stream()
        .filter(e -> e instanceof SimulationProgress p && p.getId().equals(id))
        .map(SimulationProgress.class::cast)
        .toList();
  }

  private SpecificRecord await(Predicate<SpecificRecord> wanted) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      for (SpecificRecord event : all) {
        if (wanted.test(event)) {
          return event;
        }
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("no such event within 30 s; seen: " + all);
  }
}
