package dev.signalyard.fleet.allocation;

import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.IntervalVar;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.Literal;
import dev.signalyard.fleet.simulation.SimTrip;
import dev.signalyard.fleet.simulation.SimulatedVehicle;
import dev.signalyard.fleet.simulation.VehicleType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The exact assignment of one day's trips to the cars, as a CP-SAT model (the reference's SCIP MIP
 * {@code routing_mip.py}, same constraints and objective):
 *
 * <ul>
 *   <li>{@code x[t][c] = 1} when car {@code c} drives trip {@code t}, {@code u[t] = 1} when the
 *       employee's own car does; exactly one of them per trip.
 *   <li>No two trips of one car overlap, the changeover {@code sub_time} included (one optional
 *       interval per trip and car, {@code NoOverlap} per car). A car still busy with an earlier
 *       day's trip is not offered the trip at all.
 *   <li>An EV drives at most its usable range per day, and its trips take at most {@code (24 −
 *       sleep) × 60} minutes of the day (a multi-day trip counts up to the end of its start day).
 *   <li>Minimise {@code Σ km × cost per km} over cars and employee car.
 * </ul>
 *
 * <p>CP-SAT rather than a MIP solver: the model is pure 0/1 with interval constraints, which CP-SAT
 * handles natively and fast; with one worker its answers are reproducible. Not thread-safe: one per
 * day and allocation.
 */
final class DayAssignment {
  /** Planned taker of a trip that goes to the employee's own car. */
  static final int EMPLOYEE_CAR = -1;

  /** Planned taker of a trip when the solver found no assignment in time. */
  static final int UNPLANNED = -2;

  private static final long METRES_PER_KM = 1000;

  /**
   * The objective is in øre: CP-SAT works on integer objectives (a double one is scaled
   * internally), and an øre per trip is far below what the costs can tell apart.
   */
  private static final double ORE_PER_DKK = 100;

  private final List<SimTrip> trips;
  private final List<SimulatedVehicle> cars;
  private final double[] costPerKm;
  private final Duration subTime;
  private final Instant dayEnd;

  /**
   * @param trips the day's trips in start order
   * @param cars the fleet's cars (no bikes), in the state before this day
   * @param costPerKm objective cost per km of each car
   * @param subTime changeover time between two trips of a car
   * @param nextDay the day after the trips' start day; time after its start does not count
   * @param zone the zone of the day
   */
  DayAssignment(
      List<SimTrip> trips,
      List<SimulatedVehicle> cars,
      double[] costPerKm,
      Duration subTime,
      LocalDate nextDay,
      ZoneId zone) {
    this.trips = trips;
    this.cars = cars;
    this.costPerKm = costPerKm;
    this.subTime = subTime;
    this.dayEnd = nextDay.atStartOfDay(zone).toInstant();
  }

  /**
   * Solves the day.
   *
   * @return for each trip the index of its car in {@code cars}, or {@link #EMPLOYEE_CAR}; every
   *     trip is {@link #UNPLANNED} when the solver found no assignment in time
   */
  int[] solve(Duration timeLimit, int workers) {
    CpModel model = new CpModel();
    long origin = trips.get(0).start().toEpochMilli();
    BoolVar[][] drives = new BoolVar[trips.size()][cars.size()];
    List<Literal> objectiveTerms = new ArrayList<>();
    List<Double> objectiveCosts = new ArrayList<>();
    for (int t = 0; t < trips.size(); t++) {
      SimTrip trip = trips.get(t);
      List<Literal> takers = new ArrayList<>();
      BoolVar employee = model.newBoolVar("u" + t);
      takers.add(employee);
      objectiveTerms.add(employee);
      objectiveCosts.add(trip.distanceKm() * IntelligentAllocator.employeeCarObjectiveCostPerKm());
      for (int c = 0; c < cars.size(); c++) {
        if (canEverDrive(cars.get(c), trip)) {
          drives[t][c] = model.newBoolVar("x" + t + "_" + c);
          takers.add(drives[t][c]);
          objectiveTerms.add(drives[t][c]);
          objectiveCosts.add(trip.distanceKm() * costPerKm[c]);
        }
      }
      model.addExactlyOne(takers);
    }
    for (int c = 0; c < cars.size(); c++) {
      addCarConstraints(model, drives, c, origin);
    }
    model.minimize(
        LinearExpr.weightedSum(
            objectiveTerms.toArray(Literal[]::new),
            objectiveCosts.stream().mapToLong(cost -> Math.round(cost * ORE_PER_DKK)).toArray()));

    CpSolver solver = new CpSolver();
    solver
        .getParameters()
        .setMaxTimeInSeconds(timeLimit.toMillis() / 1000.0)
        .setNumWorkers(workers)
        .setRandomSeed(42);
    CpSolverStatus status = solver.solve(model);
    int[] planned = new int[trips.size()];
    if (status != CpSolverStatus.OPTIMAL && status != CpSolverStatus.FEASIBLE) {
      Arrays.fill(planned, UNPLANNED);
      return planned;
    }
    Arrays.fill(planned, EMPLOYEE_CAR);
    for (int t = 0; t < trips.size(); t++) {
      for (int c = 0; c < cars.size(); c++) {
        if (drives[t][c] != null && solver.booleanValue(drives[t][c])) {
          planned[t] = c;
        }
      }
    }
    return planned;
  }

  /** The car is free for the trip after its earlier days, and an EV could drive it alone. */
  private boolean canEverDrive(SimulatedVehicle car, SimTrip trip) {
    if (!car.isFree(trip, subTime)) {
      return false;
    }
    if (car.vehicle().type() != VehicleType.EV) {
      return true;
    }
    return metres(trip.distanceKm()) <= metres(car.vehicle().usableRangeKm())
        && secondsInDay(trip) <= drivingSecondsPerDay(car);
  }

  private void addCarConstraints(CpModel model, BoolVar[][] drives, int c, long origin) {
    List<IntervalVar> intervals = new ArrayList<>();
    List<BoolVar> used = new ArrayList<>();
    List<Long> metres = new ArrayList<>();
    List<Long> seconds = new ArrayList<>();
    for (int t = 0; t < trips.size(); t++) {
      BoolVar x = drives[t][c];
      if (x == null) {
        continue;
      }
      SimTrip trip = trips.get(t);
      // A next trip must start strictly after this one's end plus sub_time: the interval is
      // [start, end + sub_time + 1 ms), as in SimulatedVehicle.isFree.
      long start = trip.start().toEpochMilli() - origin;
      long size = trip.end().toEpochMilli() - trip.start().toEpochMilli() + subTime.toMillis() + 1;
      intervals.add(
          model.newOptionalFixedSizeIntervalVar(LinearExpr.constant(start), size, x, "i" + t));
      used.add(x);
      metres.add(metres(trip.distanceKm()));
      seconds.add(secondsInDay(trip));
    }
    if (intervals.size() < 2 && cars.get(c).vehicle().type() != VehicleType.EV) {
      return;
    }
    model.addNoOverlap(intervals);
    if (cars.get(c).vehicle().type() == VehicleType.EV) {
      BoolVar[] vars = used.toArray(BoolVar[]::new);
      model.addLessOrEqual(
          LinearExpr.weightedSum(vars, toArray(metres)),
          metres(cars.get(c).vehicle().usableRangeKm()));
      model.addLessOrEqual(
          LinearExpr.weightedSum(vars, toArray(seconds)), drivingSecondsPerDay(cars.get(c)));
    }
  }

  /** Seconds of the trip that fall on its start day. */
  private long secondsInDay(SimTrip trip) {
    Instant end = trip.end().isAfter(dayEnd) ? dayEnd : trip.end();
    return Math.max(0, Duration.between(trip.start(), end).toSeconds());
  }

  private static long drivingSecondsPerDay(SimulatedVehicle ev) {
    return Math.round((24 - ev.vehicle().chargingHours()) * 3600);
  }

  private static long metres(double km) {
    return Math.round(km * METRES_PER_KM);
  }

  private static long[] toArray(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).toArray();
  }
}
