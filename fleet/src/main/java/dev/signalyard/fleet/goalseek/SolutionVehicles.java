package dev.signalyard.fleet.goalseek;

import dev.signalyard.fleet.simulation.SimulationSettings;
import dev.signalyard.fleet.simulation.TcoCalculator;
import dev.signalyard.fleet.simulation.Vehicle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The vehicle rows of a solution: every candidate model the fleet has, and every model of today's
 * fleet it drops, each with a real car id (reference defect 4) and the change in count. Stateless
 * and thread-safe.
 */
final class SolutionVehicles {
  private SolutionVehicles() {}

  static List<SolutionVehicle> of(
      int[] counts,
      List<CandidateType> candidates,
      List<Vehicle> current,
      SimulationSettings settings) {
    TcoCalculator tco = new TcoCalculator(settings);
    Map<Vehicle, Integer> todayByModel = new LinkedHashMap<>();
    Map<Vehicle, Vehicle> todayExample = new LinkedHashMap<>();
    for (Vehicle car : current) {
      todayByModel.merge(CandidateTypes.model(car), 1, Integer::sum);
      todayExample.putIfAbsent(CandidateTypes.model(car), car);
    }
    List<SolutionVehicle> rows = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      Vehicle vehicle = candidates.get(i).vehicle();
      Integer today = todayByModel.remove(CandidateTypes.model(vehicle));
      int before = today == null ? 0 : today;
      if (counts[i] > 0 || before > 0) {
        rows.add(row(vehicle, counts[i], before, tco));
      }
    }
    todayByModel.forEach((model, before) -> rows.add(row(todayExample.get(model), 0, before, tco)));
    return rows;
  }

  private static SolutionVehicle row(Vehicle vehicle, int count, int before, TcoCalculator tco) {
    double grams = vehicle.type().isBike() ? 0 : tco.gramsPerKm(vehicle);
    return new SolutionVehicle(
        vehicle.id(),
        count,
        count - before,
        vehicle.name(),
        vehicle.fixedYearlyCost(),
        Math.round(grams * 10) / 10.0);
  }
}
