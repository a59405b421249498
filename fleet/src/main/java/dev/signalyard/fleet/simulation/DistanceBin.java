package dev.signalyard.fleet.simulation;

/**
 * One of the 20 equal-width trip-distance bins of a vehicle type: how many trips of that length the
 * current and the simulated fleet gave to vehicles of the type. Immutable.
 *
 * @param fromKm lower bound, inclusive
 * @param toKm upper bound, exclusive (inclusive for the last bin)
 * @param current trips in the bin driven by the current fleet's vehicles of the type
 * @param simulated trips in the bin booked on the simulated fleet's vehicles of the type
 */
public record DistanceBin(double fromKm, double toKm, int current, int simulated) {}
