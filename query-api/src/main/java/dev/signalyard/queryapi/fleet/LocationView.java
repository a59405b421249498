package dev.signalyard.queryapi.fleet;

import java.time.Instant;
import java.util.List;

/**
 * A location (the place vehicles start from and return to) as the API shows it.
 *
 * <p>Thread-safety: immutable.
 *
 * @param id location id
 * @param address address or name shown to users
 * @param latitude main parking spot latitude
 * @param longitude main parking spot longitude
 * @param additions extra parking spots; roundtrips starting there count as starting here
 * @param additionDate when the location was created
 * @param deleted whether the location was deleted
 */
public record LocationView(
    long id,
    String address,
    double latitude,
    double longitude,
    List<ParkingSpotView> additions,
    Instant additionDate,
    boolean deleted) {

  /** An extra parking spot of a location. */
  public record ParkingSpotView(double latitude, double longitude) {}
}
