package dev.signalyard.fleet.simulation;

/**
 * Asked by a running simulation whether to stop; when it answers true the simulation throws {@link
 * SimulationCancelledException}. Must be thread-safe: it is usually set from another thread.
 */
@FunctionalInterface
public interface Cancellation {
  /** Never cancels. */
  Cancellation NEVER = () -> false;

  boolean isCancelled();
}
