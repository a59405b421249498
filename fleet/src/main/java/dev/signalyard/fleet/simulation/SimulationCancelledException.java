package dev.signalyard.fleet.simulation;

/** Thrown by a simulation that saw its {@link Cancellation} answer true. */
public class SimulationCancelledException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SimulationCancelledException() {
    super("simulation cancelled");
  }
}
