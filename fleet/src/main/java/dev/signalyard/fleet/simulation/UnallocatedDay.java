package dev.signalyard.fleet.simulation;

import java.time.LocalDate;

/**
 * Number of unallocated trips starting on a day ("Antal ikke allokeret"). Immutable.
 *
 * @param date local day
 * @param unallocated trips of the simulated fleet no vehicle took
 */
public record UnallocatedDay(LocalDate date, int unallocated) {}
