package dev.signalyard.ingest.broadcasts;

/** An upstream record that is not a readable broadcast or ERS issue chain; it is dead-lettered. */
public class UndecodableBroadcastException extends Exception {

  public UndecodableBroadcastException(String message, Throwable cause) {
    super(message, cause);
  }
}
