package dev.signalyard.fleet.simulation;

/**
 * One row of the vehicle-usage table (reference column in brackets). Row 0 is the employee's own
 * car ("Benzin Medarbejderbil") carrying the unallocated km; its {@code yearlyCost} is the mileage
 * allowance. Immutable.
 *
 * @param vehicleId car id, -1 for the employee car
 * @param vehicle display name (Køretøj)
 * @param typeDbId vehicle type id 1 to 4, -1 for the employee car
 * @param allocatedKm km of the period (Allokerede km)
 * @param yearlyKm km scaled to a year (Årlig km)
 * @param wltp km/l for fossil cars, Wh/km for EVs, 0 for bikes (WLTP)
 * @param allocatedEmissionKg CO2e of the period's km in kg (Udledning for allokeret)
 * @param yearlyEmissionKg CO2e of the yearly km in kg (Årlig udledning)
 * @param yearlyCost omkostning_aar, or the allowance for the employee car (Årlig Omkostning kr)
 * @param yearlyRunningCost fuel cost (Årlig Driftsomkostning kr)
 * @param yearlySocietalCost societal cost of the CO2e (Årlig Samfundsøkonomisk Omkostning kr)
 * @param totalYearlyCost sum of the three costs (Samlet Årlig Omkostning kr)
 */
public record VehicleUsage(
    long vehicleId,
    String vehicle,
    int typeDbId,
    double allocatedKm,
    double yearlyKm,
    double wltp,
    double allocatedEmissionKg,
    double yearlyEmissionKg,
    double yearlyCost,
    double yearlyRunningCost,
    double yearlySocietalCost,
    double totalYearlyCost) {}
