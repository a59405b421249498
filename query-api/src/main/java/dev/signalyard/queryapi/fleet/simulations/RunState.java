package dev.signalyard.queryapi.fleet.simulations;

import dev.signalyard.schemas.fleet.SimulationAction;
import dev.signalyard.schemas.fleet.SimulationCommand;
import dev.signalyard.schemas.fleet.SimulationProgress;
import dev.signalyard.schemas.fleet.SimulationResult;
import java.time.Instant;

/**
 * What is known of one run: its command (null once compaction removed it or before the view read
 * it), its latest progress and its result.
 *
 * <p>Thread-safety: immutable.
 */
record RunState(
    String id, SimulationCommand request, SimulationProgress progress, SimulationResult result) {

  /** QUEUED, RUNNING, DONE, FAILED or CANCELLED: the result's, else the progress's, else QUEUED. */
  String status() {
    if (result != null) {
      return result.getStatus();
    }
    if (progress != null) {
      return progress.getStatus().name();
    }
    return "QUEUED";
  }

  boolean finished() {
    return result != null;
  }

  /** Whether a cancel was asked for and not yet answered by a result. */
  boolean cancelRequested() {
    return result == null && request != null && request.getAction() == SimulationAction.CANCEL;
  }

  String requestJson() {
    if (result != null) {
      return result.getRequestJson();
    }
    return request == null ? null : request.getRequestJson();
  }

  Instant requestedAt() {
    if (result != null) {
      return result.getRequestedAt();
    }
    return request == null ? null : request.getRequestedAt();
  }

  String kind() {
    if (result != null) {
      return result.getKind();
    }
    return request != null ? request.getKind().name() : progress.getKind();
  }
}
