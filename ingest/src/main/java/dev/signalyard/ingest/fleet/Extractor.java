package dev.signalyard.ingest.fleet;

import dev.signalyard.schemas.fleet.Trip;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A client of one fleet-management system: lists its vehicles and fetches their trips, in UTC, with
 * the system's paging, windows and credentials handled inside.
 *
 * <p>Implementations are used from the one extraction thread but are stateless apart from their
 * settings, so thread-safe.
 */
public interface Extractor {

  /** The system's name as in {@code EXTRACTORS}, e.g. SKYHOST_V2; also the trips' source. */
  String name();

  /** The longest span one {@link #fetchTrips} call covers; the scheduler checkpoints after each. */
  Duration window();

  /**
   * Every vehicle of every configured account.
   *
   * @throws FleetSystemException when the system refused or could not be reached
   */
  List<FleetSystemVehicle> listVehicles();

  /**
   * The trips of {@code vehicle} that ended in {@code [from, to)}, at most one {@link #window()}
   * apart, all pages of them.
   *
   * @throws FleetSystemException when the system refused or could not be reached
   */
  List<Trip> fetchTrips(FleetSystemVehicle vehicle, Instant from, Instant to);
}
