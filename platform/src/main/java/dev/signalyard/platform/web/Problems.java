package dev.signalyard.platform.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The RFC 9457 problem bodies Signalyard answers with. Each kind has a stable {@code type} URI so
 * that clients can branch on it; {@code detail} is for humans.
 */
public final class Problems {

  /** Input that failed validation; the body's {@code errors} names each field. */
  public static final URI INVALID_REQUEST = URI.create("urn:signalyard:problem:invalid-request");

  /** Kafka did not acknowledge in time; nothing was accepted, the sender should retry. */
  public static final URI BROKER_UNAVAILABLE =
      URI.create("urn:signalyard:problem:broker-unavailable");

  /** The requested resource does not exist (yet). */
  public static final URI NOT_FOUND = URI.create("urn:signalyard:problem:not-found");

  /** The request's signature is missing or does not verify; nothing was accepted. */
  public static final URI UNAUTHORIZED = URI.create("urn:signalyard:problem:unauthorized");

  /** The request, or a part of it, exceeds a documented size limit; nothing was accepted. */
  public static final URI PAYLOAD_TOO_LARGE =
      URI.create("urn:signalyard:problem:payload-too-large");

  private Problems() {}

  /** One rejected input field and why. */
  public record FieldError(String field, String message) {}

  public static ProblemDetail invalidRequest(List<FieldError> errors) {
    ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
    problem.setType(INVALID_REQUEST);
    problem.setTitle("Invalid request");
    problem.setDetail(
        errors.stream()
            .map(e -> e.field() + ": " + e.message())
            .reduce((a, b) -> a + "; " + b)
            .orElse("The request is invalid."));
    problem.setProperty(
        "errors",
        errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
    return problem;
  }

  public static ProblemDetail brokerUnavailable(String detail) {
    ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.SERVICE_UNAVAILABLE);
    problem.setType(BROKER_UNAVAILABLE);
    problem.setTitle("Event broker unavailable");
    problem.setDetail(detail);
    return problem;
  }

  public static ProblemDetail unauthorized(String detail) {
    ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.UNAUTHORIZED);
    problem.setType(UNAUTHORIZED);
    problem.setTitle("Unauthorized");
    problem.setDetail(detail);
    return problem;
  }

  public static ProblemDetail payloadTooLarge(String detail) {
    ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.CONTENT_TOO_LARGE);
    problem.setType(PAYLOAD_TOO_LARGE);
    problem.setTitle("Payload too large");
    problem.setDetail(detail);
    return problem;
  }

  public static ProblemDetail notFound(String detail) {
    ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.NOT_FOUND);
    problem.setType(NOT_FOUND);
    problem.setTitle("Not found");
    problem.setDetail(detail);
    return problem;
  }
}
