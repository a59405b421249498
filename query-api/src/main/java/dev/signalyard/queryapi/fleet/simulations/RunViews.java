package dev.signalyard.queryapi.fleet.simulations;

import dev.signalyard.queryapi.live.TopicView;
import dev.signalyard.schemas.fleet.SimulationCommand;
import dev.signalyard.schemas.fleet.SimulationProgress;
import dev.signalyard.schemas.fleet.SimulationResult;
import java.util.Optional;

/**
 * The three views of runs this node keeps: the requests (compacted, every run ever asked for), the
 * latest progress per run (the 7 days simulation-progress keeps) and the results (compacted, never
 * expired). A run's state is the most final of the three.
 *
 * <p>Thread-safety: thread-safe (the views are).
 *
 * @param requests simulation-requests
 * @param progress simulation-progress
 * @param results simulation-results
 */
record RunViews(
    TopicView<SimulationCommand> requests,
    TopicView<SimulationProgress> progress,
    TopicView<SimulationResult> results) {

  /** The run {@code id} of {@code kind} as this node knows it, if it knows it. */
  Optional<RunState> run(String id, RunKind kind) {
    SimulationCommand request = requests.get(id).orElse(null);
    SimulationProgress latest = progress.get(id).orElse(null);
    SimulationResult result = results.get(id).orElse(null);
    if (result != null && !kind.matches(result.getKind())) {
      return Optional.empty();
    }
    if (result == null && latest != null && !kind.matches(latest.getKind())) {
      return Optional.empty();
    }
    if (request != null && request.getKind() != kind.kind()) {
      return Optional.empty();
    }
    if (request == null && latest == null && result == null) {
      return Optional.empty();
    }
    return Optional.of(new RunState(id, request, latest, result));
  }
}
