/**
 * The manual fleet simulation: trips are booked on a simulated fleet (greedy, or by a pluggable
 * {@link dev.signalyard.fleet.simulation.TripAllocator}), each vehicle kind applies its acceptance
 * rules, and the cost model prices the current and the simulated fleet for a year. Pure Java: no
 * Spring, no Kafka. The model, its formulas and its deviations from the reference are described in
 * {@code docs/simulation.md}.
 */
package dev.signalyard.fleet.simulation;
