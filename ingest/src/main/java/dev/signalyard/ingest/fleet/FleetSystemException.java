package dev.signalyard.ingest.fleet;

/**
 * A fleet-management system refused a request or could not be reached, after any retries. Carries
 * the HTTP status (0 for a network error or an unreadable answer) but never the request's
 * credentials.
 */
public class FleetSystemException extends RuntimeException {

  private final int status;

  public FleetSystemException(int status, String message) {
    super(message);
    this.status = status;
  }

  public FleetSystemException(String message, Throwable cause) {
    super(message, cause);
    this.status = 0;
  }

  /** HTTP status of the last answer, 0 when there was none. */
  public int status() {
    return status;
  }
}
