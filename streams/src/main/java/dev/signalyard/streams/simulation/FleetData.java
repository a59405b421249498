package dev.signalyard.streams.simulation;

import dev.signalyard.schemas.fleet.FleetVehicle;
import dev.signalyard.schemas.fleet.Roundtrip;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The fleet data a simulation reads: vehicles, settings and roundtrips, as published on the fleet
 * topics ({@link KafkaFleetData} in the service).
 *
 * <p>Thread-safety: implementations must be thread-safe; several workers read at once.
 */
public interface FleetData {

  /** Every vehicle by id, deleted ones included (flagged). */
  Map<Long, FleetVehicle> vehicles();

  /** The simulation settings (fleet-settings), empty when none were published. */
  Map<String, String> settings();

  /**
   * The live roundtrips (retractions applied) of the given vehicles starting within [{@code from},
   * {@code until}).
   */
  List<Roundtrip> roundtrips(Collection<Long> vehicleIds, Instant from, Instant until);
}
