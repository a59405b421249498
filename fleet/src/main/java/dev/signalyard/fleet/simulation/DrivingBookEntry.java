package dev.signalyard.fleet.simulation;

import java.time.Instant;

/**
 * One trip of the driving book with the car that drove it and the simulated vehicle that got it.
 * Types are the database type ids 1 to 4; an unallocated trip has simulation id and type -1.
 * Immutable.
 *
 * @param tripId roundtrip (or shift block) id
 * @param start trip start
 * @param end trip end
 * @param distanceKm trip length
 * @param currentVehicleName name with plate of the car that drove it
 * @param currentVehicleId id of that car
 * @param currentType its type id
 * @param simulationVehicleName name of the simulated vehicle, or "Ikke allokeret"
 * @param simulationVehicleId id of the simulated vehicle, or -1
 * @param simulationType its type id, or -1
 */
public record DrivingBookEntry(
    String tripId,
    Instant start,
    Instant end,
    double distanceKm,
    String currentVehicleName,
    long currentVehicleId,
    int currentType,
    String simulationVehicleName,
    long simulationVehicleId,
    int simulationType) {}
