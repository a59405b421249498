package dev.signalyard.queryapi.fleet;

import dev.signalyard.platform.web.Problems;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Problem bodies of the fleet reference endpoints beyond the shared ones in {@link Problems}.
 *
 * <p>Thread-safety: stateless.
 */
@RestControllerAdvice(basePackageClasses = FleetProblems.class)
class FleetProblems {

  /** The change contradicts stored data; nothing was changed. */
  static final URI CONFLICT = URI.create("urn:signalyard:problem:conflict");

  /** The fleet database is not configured on this instance. */
  static final URI NOT_CONFIGURED = URI.create("urn:signalyard:problem:fleet-not-configured");

  @ExceptionHandler(FleetConflictException.class)
  ProblemDetail conflict(FleetConflictException e) {
    ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.CONFLICT);
    problem.setType(CONFLICT);
    problem.setTitle("Conflict");
    problem.setDetail(e.getMessage());
    return problem;
  }

  /** 404 with a problem body saying that {@code what} does not exist. */
  static ResponseEntity<Object> notFound(String what) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .body(Problems.notFound(what + " does not exist"));
  }

  static ProblemDetail notConfigured() {
    ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.SERVICE_UNAVAILABLE);
    problem.setType(NOT_CONFIGURED);
    problem.setTitle("Fleet database not configured");
    problem.setDetail(
        "fleet database not configured: set signalyard.fleet.database.url, username and password");
    return problem;
  }
}
