package dev.signalyard.streams.simulation;

import dev.signalyard.fleet.simulation.Cancellation;
import dev.signalyard.fleet.simulation.ProgressListener;
import dev.signalyard.schemas.fleet.SimulationKind;

/**
 * Computes the runs of one {@link SimulationKind}. The worker pool calls it on a worker thread,
 * never on a stream thread, so it may take minutes. Each kind has one Spring bean implementing this
 * interface ({@link ManualSimulationRunner}, {@link GoalSeekRunner}); {@link SimulationRunners}
 * picks it up by its {@link #kind()}.
 *
 * <p>Thread-safety: implementations must be thread-safe, the pool runs several runs at once.
 */
public interface SimulationRunner {

  /** The kind of run this runner computes. */
  SimulationKind kind();

  /**
   * Computes one run.
   *
   * @param progress to report the done fraction to; the pool publishes it, throttled
   * @param cancel asked regularly; when it answers true throw {@link
   *     dev.signalyard.fleet.simulation.SimulationCancelledException}
   * @return the result document (JSON) stored in simulation-results
   * @throws IllegalArgumentException when the request cannot be run (the run then FAILS with the
   *     message)
   */
  String run(SimulationRun run, ProgressListener progress, Cancellation cancel);
}
