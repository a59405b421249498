package dev.signalyard.queryapi.fleet;

import dev.signalyard.queryapi.fleet.LocationView.ParkingSpotView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated location body. For a PATCH each component is {@code null} when the body leaves it
 * out; for POST and PUT all but {@code additions} are required.
 *
 * <p>Thread-safety: immutable.
 */
record LocationRequest(
    String address, Double latitude, Double longitude, List<ParkingSpotView> additions) {

  static final int MAX_ADDRESS = 500;
  static final int MAX_ADDITIONS = 100;

  private static final Set<String> FIELDS = Set.of("address", "latitude", "longitude", "additions");
  private static final Set<String> SPOT_FIELDS = Set.of("latitude", "longitude");

  /**
   * Parses and validates a body: address not blank, latitude in [-90, 90], longitude in [-180,
   * 180], at most {@value #MAX_ADDITIONS} additions with the same rules.
   *
   * @param complete whether every required field must be present (POST, PUT) or not (PATCH)
   * @throws dev.signalyard.platform.web.InvalidRequestException naming every bad field
   */
  static LocationRequest parse(Map<String, Object> body, boolean complete) {
    JsonBody json = JsonBody.of(body, FIELDS);
    String address = json.text("address", MAX_ADDRESS);
    if (address != null && address.isBlank()) {
      json.error("address", "must not be blank");
    }
    Double latitude = json.number("latitude", -90, 90);
    Double longitude = json.number("longitude", -180, 180);
    List<ParkingSpotView> additions = additions(json);
    if (complete) {
      json.require("address", "latitude", "longitude");
    } else {
      json.rejectNull(FIELDS);
    }
    json.throwIfInvalid();
    return new LocationRequest(address, latitude, longitude, additions);
  }

  private static List<ParkingSpotView> additions(JsonBody json) {
    List<Map<String, Object>> spots = json.objects("additions");
    if (spots == null) {
      return null;
    }
    if (spots.size() > MAX_ADDITIONS) {
      json.error("additions", "must have at most " + MAX_ADDITIONS + " parking spots");
      return null;
    }
    List<ParkingSpotView> additions = new ArrayList<>();
    for (int i = 0; i < spots.size(); i++) {
      JsonBody spot = json.nested("additions[" + i + "]", spots.get(i), SPOT_FIELDS);
      Double latitude = spot.number("latitude", -90, 90);
      Double longitude = spot.number("longitude", -180, 180);
      spot.require("latitude", "longitude");
      if (latitude != null && longitude != null) {
        additions.add(new ParkingSpotView(latitude, longitude));
      }
    }
    return additions;
  }
}
