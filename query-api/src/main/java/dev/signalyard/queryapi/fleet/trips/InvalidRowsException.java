package dev.signalyard.queryapi.fleet.trips;

import java.util.Comparator;
import java.util.List;

/**
 * An uploaded file had invalid rows; answered 400 listing each, in row order, and nothing was
 * applied.
 */
class InvalidRowsException extends RuntimeException {

  private final List<RowError> errors;

  InvalidRowsException(List<RowError> errors) {
    super(errors.size() + " invalid rows");
    this.errors = errors.stream().sorted(Comparator.comparingInt(RowError::row)).toList();
  }

  List<RowError> errors() {
    return errors;
  }
}
