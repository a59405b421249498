package dev.signalyard.fleet.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prices one fleet for a year: each vehicle's km of the period are scaled to a year and costed by
 * {@link TcoCalculator}; the unallocated km go to the employee's own car (row 0). Immutable and
 * thread-safe.
 */
public final class ConsequenceCalculator {
  private final SimulationSettings settings;
  private final TcoCalculator tco;

  public ConsequenceCalculator(SimulationSettings settings) {
    this.settings = settings;
    this.tco = new TcoCalculator(settings);
  }

  /** The consequences and the usage rows of one fleet. */
  public record FleetCost(Consequences consequences, List<VehicleUsage> usage) {}

  /**
   * Prices a fleet.
   *
   * @param fleet the vehicles (every one pays its {@code omkostning_aar}, used or not)
   * @param allocatedKm km of the period per vehicle, same order as {@code fleet}
   * @param unallocatedKm km of the period no vehicle took
   * @param periodDays period length ({@link PeriodDays})
   */
  public FleetCost price(
      List<Vehicle> fleet, double[] allocatedKm, double unallocatedKm, double periodDays) {
    List<VehicleUsage> rows = new ArrayList<>(fleet.size() + 1);
    rows.add(employeeCar(unallocatedKm, periodDays));
    double fixed = 0;
    double running = 0;
    double societal = rows.get(0).yearlySocietalCost();
    double tonnes = rows.get(0).yearlyEmissionKg() / 1000;
    double allocated = 0;
    for (int i = 0; i < fleet.size(); i++) {
      Vehicle vehicle = fleet.get(i);
      double km = allocatedKm[i];
      double yearlyKm = PeriodDays.yearly(km, periodDays);
      double yearlyTonnes = tco.co2eTonnes(vehicle, yearlyKm);
      double runningCost = tco.runningCost(vehicle, yearlyKm);
      double societalCost = tco.societalCost(yearlyTonnes);
      rows.add(
          new VehicleUsage(
              vehicle.id(),
              vehicle.name(),
              vehicle.type().dbId(),
              km,
              yearlyKm,
              TcoCalculator.wltp(vehicle),
              tco.co2eTonnes(vehicle, km) * 1000,
              yearlyTonnes * 1000,
              vehicle.fixedYearlyCost(),
              runningCost,
              societalCost,
              vehicle.fixedYearlyCost() + runningCost + societalCost));
      allocated += km;
      fixed += vehicle.fixedYearlyCost();
      running += runningCost;
      societal += societalCost;
      tonnes += yearlyTonnes;
    }
    double allowance = rows.get(0).yearlyCost();
    Consequences consequences =
        new Consequences(
            allocated,
            unallocatedKm,
            rows.get(0).yearlyKm(),
            allowance,
            fixed,
            running,
            societal,
            tonnes,
            allowance + fixed + running + societal);
    return new FleetCost(consequences, List.copyOf(rows));
  }

  private VehicleUsage employeeCar(double unallocatedKm, double periodDays) {
    double yearlyKm = PeriodDays.yearly(unallocatedKm, periodDays);
    double yearlyTonnes = tco.employeeCarCo2eTonnes(yearlyKm);
    double allowance = tco.mileageAllowance(yearlyKm);
    double societal = tco.societalCost(yearlyTonnes);
    return new VehicleUsage(
        -1,
        employeeCarName(),
        -1,
        unallocatedKm,
        yearlyKm,
        settings.undrivenWltp(),
        tco.employeeCarCo2eTonnes(unallocatedKm) * 1000,
        yearlyTonnes * 1000,
        allowance,
        0,
        societal,
        allowance + societal);
  }

  /** "Benzin Medarbejderbil" for the default {@code undriven_type}, else e.g. "Diesel ...". */
  String employeeCarName() {
    String type = settings.undrivenType();
    String word =
        type.equals("hvo")
            ? "HVO"
            : type.substring(0, 1).toUpperCase(Locale.ROOT) + type.substring(1);
    return word + " Medarbejderbil";
  }
}
