package dev.signalyard.ingest.web;

import dev.signalyard.platform.web.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Answers the webhooks' authentication and size failures with RFC 9457 problem bodies. */
@RestControllerAdvice
class IngestProblemHandler {

  @ExceptionHandler(UnauthorizedException.class)
  ResponseEntity<ProblemDetail> unauthorized(UnauthorizedException e) {
    // RFC 9110 requires a 401 to carry at least one challenge.
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
        .header(HttpHeaders.WWW_AUTHENTICATE, e.challenge())
        .body(Problems.unauthorized(e.getMessage()));
  }

  @ExceptionHandler(PayloadTooLargeException.class)
  ResponseEntity<ProblemDetail> payloadTooLarge(PayloadTooLargeException e) {
    return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
        .body(Problems.payloadTooLarge(e.getMessage()));
  }
}
