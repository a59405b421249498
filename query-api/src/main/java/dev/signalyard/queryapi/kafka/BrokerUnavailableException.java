package dev.signalyard.queryapi.kafka;

/**
 * Kafka did not acknowledge a record in time (or refused it); the client is answered 503 with
 * Retry-After, and nothing was accepted.
 */
public class BrokerUnavailableException extends RuntimeException {
  public BrokerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
