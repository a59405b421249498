package dev.signalyard.queryapi.live;

/** A subscriber fell further behind than its buffer allows; it must resync from a new snapshot. */
public class SubscriberOverflowException extends RuntimeException {
  public SubscriberOverflowException(String topic) {
    super("Subscriber to " + topic + " fell behind its buffer; resync");
  }
}
