package dev.signalyard.platform.web;

import java.util.List;

/** Thrown by request parsing; answered as 400 with a problem body naming every bad field. */
public class InvalidRequestException extends RuntimeException {

  private final List<Problems.FieldError> errors;

  public InvalidRequestException(List<Problems.FieldError> errors) {
    super(errors.toString());
    this.errors = List.copyOf(errors);
  }

  public List<Problems.FieldError> errors() {
    return errors;
  }
}
