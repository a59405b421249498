package dev.signalyard.streams.simulation;

import dev.signalyard.fleet.simulation.Cancellation;
import dev.signalyard.fleet.simulation.ProgressListener;
import dev.signalyard.fleet.simulation.SimulationCancelledException;
import dev.signalyard.schemas.fleet.SimulationKind;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real runner held at a gate before it computes, so a test decides when a run may finish while it
 * watches queue positions, cancellation or a restart. While held it reports 0.5 done and obeys
 * cancellation, like the model does between its steps.
 */
final class GatedRunner implements SimulationRunner {

  private final SimulationRunner runner;
  private final CountDownLatch gate = new CountDownLatch(1);

  GatedRunner(SimulationRunner runner) {
    this.runner = runner;
  }

  /** Lets every held and future run compute. */
  void open() {
    gate.countDown();
  }

  @Override
  public SimulationKind kind() {
    return runner.kind();
  }

  @Override
  public String run(SimulationRun run, ProgressListener progress, Cancellation cancel) {
    progress.progress(0.5, "held at the gate");
    try {
      while (!gate.await(10, TimeUnit.MILLISECONDS)) {
        if (cancel.isCancelled()) {
          throw new SimulationCancelledException();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SimulationCancelledException();
    }
    return runner.run(run, progress, cancel);
  }
}
