package dev.signalyard.queryapi.fleet.simulations;

import dev.signalyard.fleet.simulation.SimulationSettings;
import dev.signalyard.platform.web.Problems.FieldError;
import dev.signalyard.schemas.fleet.SimulationKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of a manual simulation request: at least one location or current vehicle, ids that are
 * whole numbers, a simulated fleet of {@code {vehicleId, count}} with counts of 0 or more, boolean
 * flags, and setting overrides under known keys with values the model accepts. Whether the ids
 * exist is checked when the run starts (the run then fails naming the field).
 *
 * <p>Thread-safety: stateless.
 */
final class ManualSimulationRules implements RunRequestRules {

  private static final Set<String> SETTING_KEYS = SimulationSettings.defaults().toMap().keySet();

  @Override
  public SimulationKind kind() {
    return SimulationKind.SIMULATION;
  }

  @Override
  public List<FieldError> check(Map<String, Object> body) {
    List<FieldError> errors = new ArrayList<>();
    int locations = ids(body, "locationIds", errors);
    int vehicles = ids(body, "currentVehicleIds", errors);
    if (locations == 0 && vehicles == 0) {
      errors.add(new FieldError("locationIds", "name at least one location or current vehicle"));
    }
    simulatedFleet(body.get("simulatedFleet"), errors);
    flag(body, "intelligentAllocation", errors);
    flag(body, "limitKm", errors);
    settings(body.get("settings"), errors);
    return errors;
  }

  /** Checks a list of ids; returns how many there are (0 when absent or bad). Shared by kinds. */
  static int ids(Map<String, Object> body, String field, List<FieldError> errors) {
    Object value = body.get(field);
    if (value == null) {
      return 0;
    }
    if (!(value instanceof List<?> list)) {
      errors.add(new FieldError(field, "must be a list of ids"));
      return 0;
    }
    for (int i = 0; i < list.size(); i++) {
      if (!isWholeNumber(list.get(i))) {
        errors.add(new FieldError(field + "[" + i + "]", "must be a whole number"));
      }
    }
    return list.size();
  }

  private static void simulatedFleet(Object value, List<FieldError> errors) {
    if (value == null) {
      return;
    }
    if (!(value instanceof List<?> list)) {
      errors.add(new FieldError("simulatedFleet", "must be a list of {vehicleId, count}"));
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      String field = "simulatedFleet[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> entry)) {
        errors.add(new FieldError(field, "must be an object {vehicleId, count}"));
        continue;
      }
      if (!isWholeNumber(entry.get("vehicleId"))) {
        errors.add(new FieldError(field + ".vehicleId", "must be a whole number"));
      }
      Object count = entry.get("count");
      if (!isWholeNumber(count) || ((Number) count).longValue() < 0) {
        errors.add(new FieldError(field + ".count", "must be a whole number, 0 or more"));
      } else if (((Number) count).longValue() > 10_000) {
        errors.add(new FieldError(field + ".count", "must be at most 10000"));
      }
    }
  }

  static void flag(Map<String, Object> body, String field, List<FieldError> errors) {
    Object value = body.get(field);
    if (value != null && !(value instanceof Boolean)) {
      errors.add(new FieldError(field, "must be true or false"));
    }
  }

  static void settings(Object value, List<FieldError> errors) {
    if (value == null) {
      return;
    }
    if (!(value instanceof Map<?, ?> map)) {
      errors.add(new FieldError("settings", "must be an object of setting overrides"));
      return;
    }
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String key = String.valueOf(entry.getKey());
      String field = "settings." + key;
      if (!SETTING_KEYS.contains(key)) {
        errors.add(new FieldError(field, "unknown setting"));
        continue;
      }
      Object setting = entry.getValue();
      if (!(setting instanceof String || setting instanceof Number)) {
        errors.add(new FieldError(field, "must be a string or a number"));
        continue;
      }
      try {
        SimulationSettings.defaults().withOverrides(Map.of(key, String.valueOf(setting)));
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError(field, e.getMessage()));
      }
    }
  }

  static boolean isWholeNumber(Object value) {
    return value instanceof Integer || value instanceof Long || value instanceof Short;
  }
}
