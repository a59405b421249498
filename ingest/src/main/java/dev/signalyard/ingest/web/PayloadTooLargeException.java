package dev.signalyard.ingest.web;

/** A request, or the payload it carries, over a documented size limit; answered 413. */
public class PayloadTooLargeException extends RuntimeException {
  public PayloadTooLargeException(String detail) {
    super(detail);
  }
}
