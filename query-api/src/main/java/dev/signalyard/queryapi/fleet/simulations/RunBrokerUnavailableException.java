package dev.signalyard.queryapi.fleet.simulations;

/** Kafka did not acknowledge a run command in time; the client is answered 503. */
final class RunBrokerUnavailableException extends RuntimeException {
  RunBrokerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
