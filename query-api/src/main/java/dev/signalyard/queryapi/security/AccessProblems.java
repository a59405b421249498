package dev.signalyard.queryapi.security;

import dev.signalyard.platform.web.Problems;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The RFC 9457 problem bodies of access control and limits (401, 403, 429, 413), and writing them
 * from filters, which answer before any controller or exception handler is reached.
 *
 * <p>Thread-safety: immutable; the JSON mapper is thread-safe.
 */
public final class AccessProblems {

  /** Authenticated, but without a role that allows the request. */
  public static final URI FORBIDDEN = URI.create("urn:signalyard:problem:forbidden");

  /** The principal's request budget is spent; retry after {@code Retry-After} seconds. */
  public static final URI TOO_MANY_REQUESTS =
      URI.create("urn:signalyard:problem:too-many-requests");

  private final JsonMapper json;

  public AccessProblems(JsonMapper json) {
    this.json = json;
  }

  /** 401: no credentials, or credentials that do not verify. Same type as the webhooks' 401. */
  public static ProblemDetail unauthorized(String detail) {
    return Problems.unauthorized(detail);
  }

  /** 403: authenticated, but the principal's roles do not allow this request. */
  public static ProblemDetail forbidden(String detail) {
    ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.FORBIDDEN);
    problem.setType(FORBIDDEN);
    problem.setTitle("Forbidden");
    problem.setDetail(detail);
    return problem;
  }

  /** 429: too many requests from one principal. */
  public static ProblemDetail tooManyRequests(long retryAfterSeconds) {
    ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.TOO_MANY_REQUESTS);
    problem.setType(TOO_MANY_REQUESTS);
    problem.setTitle("Too many requests");
    problem.setDetail(
        "The request rate limit is exhausted; retry after " + retryAfterSeconds + " s.");
    return problem;
  }

  /** Answers the exchange with the problem, as {@code application/problem+json}. */
  public Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem) {
    ServerHttpResponse response = exchange.getResponse();
    response.setStatusCode(HttpStatus.valueOf(problem.getStatus()));
    response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    if (problem.getInstance() == null) {
      problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
    }
    byte[] body = json.writeValueAsBytes(fields(problem));
    DataBuffer buffer = response.bufferFactory().wrap(body);
    return response.writeWith(Mono.just(buffer));
  }

  /**
   * The problem as the flat JSON object of RFC 9457, extension members next to the standard ones.
   */
  static Map<String, Object> fields(ProblemDetail problem) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("type", problem.getType().toString());
    fields.put("title", problem.getTitle());
    fields.put("status", problem.getStatus());
    if (problem.getDetail() != null) {
      fields.put("detail", problem.getDetail());
    }
    if (problem.getInstance() != null) {
      fields.put("instance", problem.getInstance().toString());
    }
    if (problem.getProperties() != null) {
      fields.putAll(problem.getProperties());
    }
    return fields;
  }
}
