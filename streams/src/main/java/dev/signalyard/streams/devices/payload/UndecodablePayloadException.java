package dev.signalyard.streams.devices.payload;

/**
 * A payload of a known format whose content is malformed. The report still counts (at its Iridium
 * position) and the payload goes to the dead-letter topic with this message as the reason.
 */
public class UndecodablePayloadException extends RuntimeException {
  public UndecodablePayloadException(String message) {
    super(message);
  }
}
