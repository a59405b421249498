package dev.signalyard.fleet.simulation;

/**
 * Receives the progress of a running simulation. Called on the simulating thread; implementations
 * must be quick and, when shared, thread-safe.
 */
@FunctionalInterface
public interface ProgressListener {
  /** Listener that ignores progress. */
  ProgressListener NONE = (fraction, message) -> {};

  /**
   * @param fraction done share, 0 to 1, never decreasing within one run
   * @param message what is being done, for people
   */
  void progress(double fraction, String message);
}
