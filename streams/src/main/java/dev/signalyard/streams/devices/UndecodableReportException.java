package dev.signalyard.streams.devices;

/** A raw report that passed the door but cannot be decoded; it goes to the dead-letter topic. */
public class UndecodableReportException extends RuntimeException {
  public UndecodableReportException(String message) {
    super(message);
  }
}
