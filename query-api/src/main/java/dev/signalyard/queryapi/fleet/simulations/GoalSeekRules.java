package dev.signalyard.queryapi.fleet.simulations;

import dev.signalyard.platform.web.Problems.FieldError;
import dev.signalyard.schemas.fleet.SimulationKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rules of a goal-seek request: today's fleet from at least one location or current vehicle,
 * fixed and test vehicle ids that are whole numbers, a prioritisation from 0 (cost only) to 10
 * (CO2e only), boolean flags, and setting overrides under known keys with values the model accepts
 * (the same checks as {@link ManualSimulationRules}). Whether the ids exist is checked when the run
 * starts (the run then fails naming the field).
 *
 * <p>Thread-safety: stateless.
 */
final class GoalSeekRules implements RunRequestRules {

  /** Highest prioritisation: CO2e only. */
  static final int MAX_PRIORITISATION = 10;

  @Override
  public SimulationKind kind() {
    return SimulationKind.GOAL_SEEK;
  }

  @Override
  public List<FieldError> check(Map<String, Object> body) {
    List<FieldError> errors = new ArrayList<>();
    int locations = ManualSimulationRules.ids(body, "locationIds", errors);
    int vehicles = ManualSimulationRules.ids(body, "currentVehicleIds", errors);
    if (locations == 0 && vehicles == 0) {
      errors.add(new FieldError("locationIds", "name at least one location or current vehicle"));
    }
    ManualSimulationRules.ids(body, "fixedVehicleIds", errors);
    ManualSimulationRules.ids(body, "testVehicleIds", errors);
    prioritisation(body.get("prioritisation"), errors);
    ManualSimulationRules.flag(body, "intelligentAllocation", errors);
    ManualSimulationRules.flag(body, "limitKm", errors);
    ManualSimulationRules.settings(body.get("settings"), errors);
    return errors;
  }

  private static void prioritisation(Object value, List<FieldError> errors) {
    if (!ManualSimulationRules.isWholeNumber(value)) {
      errors.add(
          new FieldError(
              "prioritisation", "required, a whole number from 0 (cost only) to 10 (CO2e only)"));
    } else if (((Number) value).longValue() < 0
        || ((Number) value).longValue() > MAX_PRIORITISATION) {
      errors.add(new FieldError("prioritisation", "must be from 0 to " + MAX_PRIORITISATION));
    }
  }
}
