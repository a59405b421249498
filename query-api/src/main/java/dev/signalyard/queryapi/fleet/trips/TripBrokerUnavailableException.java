package dev.signalyard.queryapi.fleet.trips;

/** Kafka did not commit an upload's transaction; answered 503, nothing applied. */
class TripBrokerUnavailableException extends RuntimeException {
  TripBrokerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
