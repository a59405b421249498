package dev.signalyard.queryapi.fleet;

/**
 * A change that contradicts the stored reference data (e.g. deleting a location that vehicles still
 * start from); answered 409 with a problem body.
 */
final class FleetConflictException extends RuntimeException {

  FleetConflictException(String message) {
    super(message);
  }
}
