package dev.signalyard.streams.simulation;

import dev.signalyard.schemas.fleet.SimulationProgress;
import dev.signalyard.schemas.fleet.SimulationResult;

/**
 * Where the worker pool reports runs: progress to simulation-progress, outcomes to
 * simulation-results ({@link KafkaRunEvents} in the service).
 *
 * <p>Thread-safety: implementations must be thread-safe; every worker thread and the progress
 * ticker call them.
 */
public interface RunEvents {

  /** Reports progress of a run (QUEUED, RUNNING or its final status). */
  void progress(SimulationProgress progress);

  /** Reports the outcome of a run. */
  void result(SimulationResult result);
}
