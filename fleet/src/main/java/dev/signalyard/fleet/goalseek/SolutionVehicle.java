package dev.signalyard.fleet.goalseek;

/**
 * One vehicle type of a proposed fleet. Immutable.
 *
 * @param id id of a real car of this model (a test, fixed or current car; reference defect 4)
 * @param count how many the fleet has
 * @param countDifference {@code count} minus how many today's fleet has
 * @param name the car's display name
 * @param omkostningAar fixed yearly cost of one, DKK
 * @param emission CO2e in grams per km at 10,000 km a year, 1 decimal
 */
public record SolutionVehicle(
    long id, int count, int countDifference, String name, double omkostningAar, double emission) {}
