package dev.signalyard.streams.simulation;

import dev.signalyard.schemas.fleet.SimulationCommand;
import dev.signalyard.schemas.fleet.SimulationKind;
import java.time.Instant;
import java.util.Objects;

/**
 * One run to compute, as a {@link SimulationRunner} gets it: the accepted request and who asked.
 *
 * <p>Thread-safety: immutable.
 *
 * @param id run id (UUID), the key of every record of the run
 * @param kind manual simulation or goal seek
 * @param requestJson the request body as query-api accepted it
 * @param requestedBy the principal that asked, or null
 * @param requestedAt when it was asked
 */
public record SimulationRun(
    String id, SimulationKind kind, String requestJson, String requestedBy, Instant requestedAt) {

  public SimulationRun {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(requestJson, "requestJson");
    Objects.requireNonNull(requestedAt, "requestedAt");
  }

  /** The run a RUN command asks for. */
  public static SimulationRun of(SimulationCommand command) {
    return new SimulationRun(
        command.getId(),
        command.getKind(),
        command.getRequestJson(),
        command.getRequestedBy(),
        command.getRequestedAt());
  }
}
