package dev.signalyard.queryapi.fleet.simulations;

import dev.signalyard.schemas.fleet.SimulationKind;

/**
 * The two kinds of run and the path segment each is served under: {@code /api/fleet/simulations}
 * and {@code /api/fleet/goal-seeks}.
 *
 * <p>Thread-safety: immutable.
 */
enum RunKind {
  SIMULATIONS("simulations", SimulationKind.SIMULATION),
  GOAL_SEEKS("goal-seeks", SimulationKind.GOAL_SEEK);

  /** The path pattern matching both segments. */
  static final String PATH = "/api/fleet/{runs:simulations|goal-seeks}";

  private final String segment;
  private final SimulationKind kind;

  RunKind(String segment, SimulationKind kind) {
    this.segment = segment;
    this.kind = kind;
  }

  static RunKind of(String segment) {
    for (RunKind runKind : values()) {
      if (runKind.segment.equals(segment)) {
        return runKind;
      }
    }
    throw new IllegalArgumentException("no runs at " + segment);
  }

  SimulationKind kind() {
    return kind;
  }

  /** Where a run of this kind is served. */
  String location(String id) {
    return "/api/fleet/" + segment + "/" + id;
  }

  /** Whether a record of kind {@code name} (SIMULATION, GOAL_SEEK) belongs here. */
  boolean matches(String name) {
    return kind.name().equals(name);
  }
}
