package dev.signalyard.queryapi.fleet.simulations;

import dev.signalyard.platform.web.Problems.FieldError;
import dev.signalyard.schemas.fleet.SimulationKind;
import java.util.List;
import java.util.Map;

/**
 * The checks of one kind's request body beyond the period every run has ({@code from}, {@code to},
 * checked by {@link RunRequests}). Declare a bean to add a kind's rules; a kind without one is
 * checked for its period only.
 *
 * <p>Thread-safety: implementations must be thread-safe.
 */
public interface RunRequestRules {

  /** The kind these rules check. */
  SimulationKind kind();

  /**
   * Checks {@code body}, the parsed JSON object.
   *
   * @return every bad field with why, empty when the body is fine
   */
  List<FieldError> check(Map<String, Object> body);
}
