package dev.signalyard.fleet.simulation;

import java.util.Arrays;
import java.util.List;

/**
 * Measures one month of about 300 trips on a simulated fleet of 20 vehicles: a full run (all
 * outputs) and the cost-only path used by goal seek. Run by hand, prints medians; not a test, so
 * nothing is asserted on time.
 *
 * <pre>
 * java -cp fleet/target/classes:fleet/target/test-classes dev.signalyard.fleet.simulation.SimulationTiming
 * </pre>
 */
public final class SimulationTiming {
  private SimulationTiming() {}

  public static void main(String[] args) {
    List<Vehicle> current = Scenario.currentFleet(11);
    List<Vehicle> simulated = Scenario.simulatedFleet(3, 3, 8, 6);
    SimulationInput input =
        new SimulationInput(
            Scenario.trips(current, 7),
            current,
            simulated,
            SimulationSettings.defaults(),
            false,
            false,
            Scenario.FROM,
            Scenario.TO);
    FleetSimulation simulation = new FleetSimulation();
    SimulationOutcome outcome = simulation.run(input, ProgressListener.NONE, Cancellation.NEVER);
    System.out.printf(
        "trips=%d vehicles=%d unallocated=%d savings=%.0f kr co2e=%.3f t%n",
        outcome.numberOfTrips(),
        simulated.size(),
        outcome.unallocated(),
        outcome.financialSavings(),
        outcome.co2eSavingsTonnes());
    PreparedTrips prepared = simulation.prepare(input);
    for (int warmup = 0; warmup < 2_000; warmup++) {
      simulation.run(input, ProgressListener.NONE, Cancellation.NEVER);
    }
    long[] full = new long[500];
    long[] costOnly = new long[500];
    for (int i = 0; i < full.length; i++) {
      long t0 = System.nanoTime();
      simulation.run(input, ProgressListener.NONE, Cancellation.NEVER);
      long t1 = System.nanoTime();
      simulation.simulatedConsequences(
          prepared, simulated, input.settings(), false, false, Cancellation.NEVER);
      long t2 = System.nanoTime();
      full[i] = t1 - t0;
      costOnly[i] = t2 - t1;
    }
    System.out.printf(
        "full run median %.3f ms (p90 %.3f ms); cost-only median %.3f ms (p90 %.3f ms)%n",
        percentile(full, 50),
        percentile(full, 90),
        percentile(costOnly, 50),
        percentile(costOnly, 90));
  }

  private static double percentile(long[] nanos, int p) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1e6;
  }
}
