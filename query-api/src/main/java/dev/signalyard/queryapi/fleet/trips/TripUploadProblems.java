package dev.signalyard.queryapi.fleet.trips;

import dev.signalyard.platform.web.Problems;
import dev.signalyard.queryapi.kafka.BrokerUnavailableException;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Problem bodies of the trip uploads: 400 {@code invalid-request} with {@code errors} listing
 * {@code row}, {@code field} and {@code message} of every error; 413 {@code payload-too-large}; 503
 * {@code broker-unavailable} with Retry-After. Each says that nothing was applied.
 *
 * <p>Thread-safety: stateless.
 */
@RestControllerAdvice(basePackageClasses = TripUploadProblems.class)
class TripUploadProblems {

  static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  @ExceptionHandler(InvalidRowsException.class)
  ProblemDetail invalidRows(InvalidRowsException e) {
    ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
    problem.setType(Problems.INVALID_REQUEST);
    problem.setTitle("Invalid request");
    long rows = e.errors().stream().map(RowError::row).distinct().count();
    problem.setDetail(
        e.errors().size()
            + (e.errors().size() == 1 ? " error" : " errors")
            + " in "
            + rows
            + (rows == 1 ? " row" : " rows")
            + ", first: row "
            + e.errors().get(0).row()
            + " "
            + e.errors().get(0).field()
            + " "
            + e.errors().get(0).message()
            + ". Nothing was applied.");
    problem.setProperty(
        "errors",
        e.errors().stream()
            .map(
                error ->
                    Map.<String, Object>of(
                        "row", error.row(), "field", error.field(), "message", error.message()))
            .toList());
    return problem;
  }

  @ExceptionHandler(UploadTooLargeException.class)
  ProblemDetail tooLarge(UploadTooLargeException e) {
    return Problems.payloadTooLarge(e.getMessage());
  }

  @ExceptionHandler(BrokerUnavailableException.class)
  ResponseEntity<ProblemDetail> brokerUnavailable(BrokerUnavailableException e) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()))
        .body(Problems.brokerUnavailable(e.getMessage() + ". Nothing was applied; retry."));
  }
}
