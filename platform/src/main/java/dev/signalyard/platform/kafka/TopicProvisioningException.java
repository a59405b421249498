package dev.signalyard.platform.kafka;

/** Kafka could not be reached, or refused to create a topic of the catalog. */
public class TopicProvisioningException extends RuntimeException {
  public TopicProvisioningException(String message, Throwable cause) {
    super(message, cause);
  }
}
