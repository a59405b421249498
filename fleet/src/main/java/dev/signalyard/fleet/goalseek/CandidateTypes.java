package dev.signalyard.fleet.goalseek;

import dev.signalyard.fleet.simulation.SimulationSettings;
import dev.signalyard.fleet.simulation.TcoCalculator;
import dev.signalyard.fleet.simulation.Vehicle;
import dev.signalyard.fleet.simulation.VehicleType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses the vehicle models of a goal seek (step 3 of the reference): the distinct models among
 * the test, fixed and current cars that the simulation can price (a fossil car needs {@code
 * wltp_fossil}, an EV {@code wltp_el}), their cost and CO2e per km priced with the request's
 * settings (reference defect 7), both clipped to the 5th-95th percentile and scaled to 0..1, and
 * the best 5 bikes, 5 e-bikes, 15 EVs and 15 fossil cars by weighted score; fixed models are always
 * kept. Stateless and thread-safe.
 */
final class CandidateTypes {
  private static final Map<VehicleType, Integer> KEEP =
      new EnumMap<>(
          Map.of(
              VehicleType.BIKE,
              5,
              VehicleType.EBIKE,
              5,
              VehicleType.EV,
              15,
              VehicleType.FOSSIL,
              15));

  private CandidateTypes() {}

  /** The candidate models, bikes first, then by kind and score. */
  static List<CandidateType> of(GoalSeekRequest request, SimulationSettings settings) {
    Map<Vehicle, Vehicle> representative = new LinkedHashMap<>();
    Map<Vehicle, int[]> counts = new LinkedHashMap<>();
    List<Long> ordered = new ArrayList<>(request.testVehicleIds());
    ordered.addAll(request.fixedVehicleIds());
    ordered.addAll(request.currentVehicleIds());
    for (long id : ordered) {
      Vehicle vehicle = request.vehicle(id);
      if (priceable(vehicle)) {
        representative.putIfAbsent(model(vehicle), vehicle);
        counts.putIfAbsent(model(vehicle), new int[2]);
      }
    }
    request.currentVehicleIds().forEach(id -> count(counts, request.vehicle(id), 0));
    request.fixedVehicleIds().forEach(id -> count(counts, request.vehicle(id), 1));

    TcoCalculator tco = new TcoCalculator(settings);
    List<Vehicle> models = new ArrayList<>(representative.values());
    double[] cost = models.stream().mapToDouble(tco::costPerKm).toArray();
    double[] grams =
        models.stream().mapToDouble(v -> v.type().isBike() ? 0 : tco.gramsPerKm(v)).toArray();
    double[] normalisedCost = clipAndScale(cost);
    double[] normalisedGrams = clipAndScale(grams);
    List<CandidateType> all = new ArrayList<>();
    for (int i = 0; i < models.size(); i++) {
      int[] c = counts.get(model(models.get(i)));
      all.add(
          new CandidateType(
              models.get(i), c[0], c[1], cost[i], grams[i], normalisedCost[i], normalisedGrams[i]));
    }
    return keepBest(all, request.prioritisation());
  }

  /** The model of a car: all its attributes but id and name. */
  static Vehicle model(Vehicle v) {
    return new Vehicle(
        0,
        "",
        v.type(),
        v.fuelId(),
        v.wltpFossil(),
        v.wltpEl(),
        v.capacityDecrease(),
        v.rangeKm(),
        v.omkostningAar(),
        v.kmAar(),
        v.sleepHours());
  }

  /**
   * Values clipped to their 5th and 95th percentile (linear interpolation) and scaled to 0..1; all
   * 0 when they do not differ, never NaN.
   */
  static double[] clipAndScale(double[] values) {
    if (values.length == 0) {
      return values;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double low = percentile(sorted, 0.05);
    double high = percentile(sorted, 0.95);
    double[] scaled = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      double clipped = Math.min(high, Math.max(low, values[i]));
      scaled[i] = high > low ? (clipped - low) / (high - low) : 0;
    }
    return scaled;
  }

  private static double percentile(double[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(sorted.length - 1, below + 1);
    return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
  }

  private static List<CandidateType> keepBest(List<CandidateType> all, int prioritisation) {
    Comparator<CandidateType> byKindAndScore =
        Comparator.<CandidateType>comparingInt(c -> c.vehicle().type().dbId())
            .thenComparingDouble(c -> c.score(prioritisation))
            .thenComparingLong(c -> c.vehicle().id());
    List<CandidateType> sorted = new ArrayList<>(all);
    sorted.sort(byKindAndScore);
    Map<VehicleType, Integer> kept = new EnumMap<>(VehicleType.class);
    List<CandidateType> result = new ArrayList<>();
    for (CandidateType candidate : sorted) {
      VehicleType kind = candidate.vehicle().type();
      if (candidate.fixedCount() > 0 || kept.getOrDefault(kind, 0) < KEEP.get(kind)) {
        result.add(candidate);
        kept.merge(kind, 1, Integer::sum);
      }
    }
    return List.copyOf(result);
  }

  private static boolean priceable(Vehicle v) {
    return switch (v.type()) {
      case BIKE, EBIKE -> true;
      case EV -> v.wltpEl() != null && v.wltpEl() > 0;
      case FOSSIL -> v.wltpFossil() != null && v.wltpFossil() > 0;
    };
  }

  private static void count(Map<Vehicle, int[]> counts, Vehicle vehicle, int slot) {
    int[] c = counts.get(model(vehicle));
    if (c != null) {
      c[slot]++;
    }
  }
}
