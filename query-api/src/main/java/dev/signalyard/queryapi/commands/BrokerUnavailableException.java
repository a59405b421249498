package dev.signalyard.queryapi.commands;

/** Kafka did not acknowledge a command record in time; the client is answered 503. */
class BrokerUnavailableException extends RuntimeException {
  BrokerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
