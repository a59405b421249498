/**
 * Intelligent allocation: bikes are booked greedily, then every day's remaining trips are assigned
 * to the cars exactly, as a small optimisation model solved by OR-Tools CP-SAT. Plugs into the
 * simulation as a {@link dev.signalyard.fleet.simulation.TripAllocator}. Described in {@code
 * docs/simulation.md}, "Intelligent allocation".
 */
package dev.signalyard.fleet.allocation;
