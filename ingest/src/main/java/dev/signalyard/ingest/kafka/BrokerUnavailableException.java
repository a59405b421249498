package dev.signalyard.ingest.kafka;

/** Kafka did not acknowledge a record in time; the sender is answered 503 and should retry. */
public class BrokerUnavailableException extends RuntimeException {
  public BrokerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
