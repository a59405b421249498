package dev.signalyard.fleet.allocation;

import com.google.ortools.Loader;
import dev.signalyard.fleet.simulation.Allocation;
import dev.signalyard.fleet.simulation.AllocationContext;
import dev.signalyard.fleet.simulation.FleetInventory;
import dev.signalyard.fleet.simulation.SimTrip;
import dev.signalyard.fleet.simulation.SimulatedVehicle;
import dev.signalyard.fleet.simulation.SimulationSettings;
import dev.signalyard.fleet.simulation.TcoCalculator;
import dev.signalyard.fleet.simulation.TripAllocator;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The intelligent allocation of the reference ({@code run_single_qampo}): bikes and e-bikes take
 * what they can first, greedily in start order; then each day's remaining trips are assigned to the
 * cars by an exact model ({@link DayAssignment}, OR-Tools CP-SAT) that minimises the day's cost of
 * km {@code Σ km × (cost/km + g/km × 5000 DKK/t ÷ 1e6)}, where a trip no car can take goes to the
 * employee's own car at {@value #EMPLOYEE_CAR_COST_PER_KM} DKK/km and {@value
 * #EMPLOYEE_CAR_GRAMS_PER_KM} g/km.
 *
 * <p>The model's answer is then booked through {@link FleetInventory#tryBook}, in start order, so
 * the acceptance rules of the simulation (EV charging window, leased km) have the last word: a trip
 * its planned car refuses is offered to the other cars in the greedy order and stays unallocated
 * when none takes it. A multi-day trip counts towards its start day only, and its car stays booked
 * until the trip ends, so the next days' models do not offer that car before then.
 *
 * <p>Immutable and thread-safe: every {@link #allocate} call builds its own models and solvers.
 */
public final class IntelligentAllocator implements TripAllocator {
  /** Solver time limit per day of the reference. */
  public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(60);

  /** Cost of a km in the employee's own car, DKK (hard-coded in the reference). */
  public static final double EMPLOYEE_CAR_COST_PER_KM = 20;

  /** CO2e of a km in the employee's own car, grams (hard-coded in the reference). */
  public static final double EMPLOYEE_CAR_GRAMS_PER_KM = 400;

  /** Price of a tonne CO2e in the objective, DKK (hard-coded in the reference). */
  public static final double CO2E_PRICE_PER_TONNE = 5000;

  private final Duration timeLimitPerDay;
  private final int solverWorkers;

  /** The reference's 60 s per day, one solver thread. */
  public IntelligentAllocator() {
    this(DEFAULT_TIME_LIMIT, 1);
  }

  /**
   * @param timeLimitPerDay how long the solver may search per day; the best assignment found by
   *     then is used
   * @param solverWorkers solver threads per day; 1 keeps results reproducible and leaves the other
   *     cores to concurrent simulations
   * @throws IllegalArgumentException when the time limit is not positive or workers are below 1
   */
  public IntelligentAllocator(Duration timeLimitPerDay, int solverWorkers) {
    if (timeLimitPerDay.isNegative() || timeLimitPerDay.isZero()) {
      throw new IllegalArgumentException("timeLimitPerDay must be > 0");
    }
    if (solverWorkers < 1) {
      throw new IllegalArgumentException("solverWorkers must be >= 1");
    }
    this.timeLimitPerDay = timeLimitPerDay;
    this.solverWorkers = solverWorkers;
    Loader.loadNativeLibraries();
  }

  /** Cost in the objective of one km driven by the vehicle, DKK. */
  static double objectiveCostPerKm(TcoCalculator tco, SimulatedVehicle vehicle) {
    return tco.costPerKm(vehicle.vehicle())
        + tco.gramsPerKm(vehicle.vehicle()) * CO2E_PRICE_PER_TONNE / 1e6;
  }

  /** Cost in the objective of one km in the employee's own car, DKK. */
  static double employeeCarObjectiveCostPerKm() {
    return EMPLOYEE_CAR_COST_PER_KM + EMPLOYEE_CAR_GRAMS_PER_KM * CO2E_PRICE_PER_TONNE / 1e6;
  }

  @Override
  public Allocation allocate(
      List<SimTrip> tripsInStartOrder,
      FleetInventory fleet,
      SimulationSettings settings,
      AllocationContext context) {
    int[] taker = new int[tripsInStartOrder.size()];
    Arrays.fill(taker, Allocation.UNALLOCATED);
    context.checkpoint(0, taker.length);
    bookBikes(tripsInStartOrder, fleet, taker);

    List<SimulatedVehicle> cars =
        fleet.vehicles().stream().filter(v -> !v.vehicle().type().isBike()).toList();
    TcoCalculator tco = new TcoCalculator(settings);
    double[] costPerKm = new double[cars.size()];
    for (int c = 0; c < cars.size(); c++) {
      costPerKm[c] = objectiveCostPerKm(tco, cars.get(c));
    }
    int done = 0;
    for (Map.Entry<LocalDate, List<Integer>> day :
        tripsByStartDay(tripsInStartOrder, taker, settings).entrySet()) {
      context.checkpoint(done, taker.length);
      List<Integer> indexes = day.getValue();
      List<SimTrip> trips = indexes.stream().map(tripsInStartOrder::get).toList();
      DayAssignment model =
          new DayAssignment(
              trips, cars, costPerKm, fleet.subTime(), day.getKey().plusDays(1), settings.zone());
      int[] planned = model.solve(timeLimitPerDay, solverWorkers);
      for (int t = 0; t < trips.size(); t++) {
        taker[indexes.get(t)] = book(fleet, trips.get(t), planned[t], cars);
      }
      done += indexes.size();
    }
    context.checkpoint(taker.length, taker.length);
    return Allocation.of(taker);
  }

  private static void bookBikes(List<SimTrip> trips, FleetInventory fleet, int[] taker) {
    List<SimulatedVehicle> bikes =
        fleet.preferenceOrder().stream().filter(v -> v.vehicle().type().isBike()).toList();
    if (bikes.isEmpty()) {
      return;
    }
    for (int i = 0; i < trips.size(); i++) {
      for (SimulatedVehicle bike : bikes) {
        if (fleet.tryBook(bike, trips.get(i))) {
          taker[i] = bike.index();
          break;
        }
      }
    }
  }

  /** The trips no bike took, grouped by local start day, days and trips in start order. */
  private static Map<LocalDate, List<Integer>> tripsByStartDay(
      List<SimTrip> trips, int[] taker, SimulationSettings settings) {
    Map<LocalDate, List<Integer>> days = new LinkedHashMap<>();
    for (int i = 0; i < trips.size(); i++) {
      if (taker[i] == Allocation.UNALLOCATED) {
        LocalDate day = trips.get(i).start().atZone(settings.zone()).toLocalDate();
        days.computeIfAbsent(day, d -> new ArrayList<>()).add(i);
      }
    }
    return days;
  }

  /**
   * Books the trip on its planned car; when that car refuses (an acceptance rule the model does not
   * know) or the solver found no plan, on the first car of the greedy order that takes it. The
   * employee car stays the employee car.
   */
  private static int book(
      FleetInventory fleet, SimTrip trip, int plannedCar, List<SimulatedVehicle> cars) {
    if (plannedCar == DayAssignment.EMPLOYEE_CAR) {
      return Allocation.UNALLOCATED;
    }
    if (plannedCar != DayAssignment.UNPLANNED) {
      SimulatedVehicle planned = cars.get(plannedCar);
      if (fleet.tryBook(planned, trip)) {
        return planned.index();
      }
    }
    for (SimulatedVehicle car : fleet.preferenceOrder()) {
      if (!car.vehicle().type().isBike() && fleet.tryBook(car, trip)) {
        return car.index();
      }
    }
    return Allocation.UNALLOCATED;
  }
}
