package dev.signalyard.queryapi.fleet.trips;

/** An uploaded file exceeded {@code max-body-size}; answered 413, nothing applied. */
class UploadTooLargeException extends RuntimeException {
  UploadTooLargeException(long limit) {
    super("The file exceeds the limit of " + limit + " bytes. Nothing was applied.");
  }
}
