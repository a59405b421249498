package dev.signalyard.fleet.simulation;

/**
 * The yearly consequences of one fleet (current or simulated) for the trips of the period.
 * Immutable.
 *
 * @param allocatedKm km of the period driven by fleet vehicles
 * @param unallocatedKm km of the period no fleet vehicle took (driven in employees' own cars)
 * @param unallocatedYearlyKm {@code unallocatedKm} scaled to a year
 * @param mileageAllowance allowance paid for the unallocated yearly km (DKK)
 * @param fixedCost sum of {@code omkostning_aar} over all fleet vehicles, used or not (DKK)
 * @param runningCost yearly fuel cost of the fleet (DKK)
 * @param societalCost yearly societal cost of the CO2e of fleet and employee cars (DKK)
 * @param co2eTonnes yearly CO2e of fleet and employee cars (tonnes)
 * @param totalCost mileageAllowance + fixedCost + runningCost + societalCost (DKK)
 */
public record Consequences(
    double allocatedKm,
    double unallocatedKm,
    double unallocatedYearlyKm,
    double mileageAllowance,
    double fixedCost,
    double runningCost,
    double societalCost,
    double co2eTonnes,
    double totalCost) {}
