package dev.signalyard.streams.simulation;

import dev.signalyard.schemas.fleet.SimulationKind;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runner of each {@link SimulationKind}: manual simulation, goal seek. A kind without a runner
 * fails its runs with a clear error instead of leaving them queued.
 *
 * <p>Thread-safety: immutable after construction.
 */
public final class SimulationRunners {

  private final Map<SimulationKind, SimulationRunner> byKind = new EnumMap<>(SimulationKind.class);

  /**
   * @throws IllegalArgumentException when two runners claim the same kind
   */
  public SimulationRunners(List<? extends SimulationRunner> runners) {
    for (SimulationRunner runner : runners) {
      SimulationRunner previous = byKind.putIfAbsent(runner.kind(), runner);
      if (previous != null) {
        throw new IllegalArgumentException(
            "two simulation runners for "
                + runner.kind()
                + ": "
                + previous.getClass().getName()
                + " and "
                + runner.getClass().getName());
      }
    }
  }

  /** The runner of {@code kind}, if one is configured. */
  public Optional<SimulationRunner> of(SimulationKind kind) {
    return Optional.ofNullable(byKind.get(kind));
  }
}
