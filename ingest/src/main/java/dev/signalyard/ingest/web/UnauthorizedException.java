package dev.signalyard.ingest.web;

/**
 * A webhook request whose signature is missing or does not verify; answered 401 with a problem body
 * and a {@code WWW-Authenticate} challenge naming how the endpoint authenticates.
 */
public class UnauthorizedException extends RuntimeException {

  private final String challenge;

  /**
   * @param challenge the {@code WWW-Authenticate} value, e.g. {@code Rock7-JWT realm="rockblock"}
   * @param detail why the request was refused, for the sender's operator
   */
  public UnauthorizedException(String challenge, String detail) {
    super(detail);
    this.challenge = challenge;
  }

  public String challenge() {
    return challenge;
  }
}
