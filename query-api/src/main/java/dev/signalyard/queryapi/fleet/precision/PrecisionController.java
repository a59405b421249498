package dev.signalyard.queryapi.fleet.precision;

import dev.signalyard.platform.web.Problems;
import dev.signalyard.platform.web.Problems.FieldError;
import dev.signalyard.queryapi.QueryApiProperties;
import dev.signalyard.queryapi.fleet.precision.PrecisionTests.BusyException;
import dev.signalyard.queryapi.live.SseStreams;
import dev.signalyard.queryapi.live.StreamDrain;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/**
 * Location precision: the stored precision per location ({@code GET
 * /api/fleet/locations/precision}) and the live precision test ({@code POST
 * /api/fleet/precision-tests}, then {@code GET /api/fleet/precision-tests/{id}}, its progress
 * stream {@code /stream} and {@code DELETE} to cancel). Shapes: docs/fleet.md.
 *
 * <p>Thread-safety: stateless apart from the thread-safe services; nothing here blocks (tests run
 * on their own worker threads).
 */
@RestController
@Tag(name = "Fleet precision", description = "Stored precision and live precision tests")
public class PrecisionController {

  static final String PROGRESS_EVENT = "progress";
  static final String RESULT_EVENT = "result";

  /** The queue of precision tests is full. */
  static final URI BUSY = URI.create("urn:signalyard:problem:precision-tests-busy");

  /** Trips are kept this long on fleet-trips, so a test cannot look further back. */
  static final int TRIP_RETENTION_DAYS = 731;

  private final StoredPrecision stored;
  private final PrecisionTests tests;
  private final QueryApiProperties query;
  private final StreamDrain drain;
  private final Clock clock = Clock.systemUTC();

  PrecisionController(
      StoredPrecision stored, PrecisionTests tests, QueryApiProperties query, StreamDrain drain) {
    this.stored = stored;
    this.tests = tests;
    this.query = query;
    this.drain = drain;
  }

  @GetMapping("/api/fleet/locations/precision")
  @Operation(
      summary = "Stored precision per location: 100 x complete km / all roundtrip km, percent",
      description = "from, to: ISO dates, inclusive; default the last month up to today (UTC).")
  public ResponseEntity<Object> storedPrecision(
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) List<String> locations) {
    List<FieldError> errors = new ArrayList<>();
    LocalDate end = date("to", to, LocalDate.now(clock), errors);
    LocalDate start = date("from", from, end == null ? null : end.minusMonths(1), errors);
    if (start != null && end != null && start.isAfter(end)) {
      errors.add(new FieldError("from", "must not be after to"));
    }
    Set<Long> ids = new HashSet<>();
    if (locations != null) {
      try {
        for (String value : locations) {
          for (String part : value.split(",")) {
            if (!part.isBlank()) {
              ids.add(Long.parseLong(part.trim()));
            }
          }
        }
      } catch (NumberFormatException e) {
        errors.add(new FieldError("locations", "must be a list of integer ids"));
      }
    }
    if (!errors.isEmpty()) {
      return ResponseEntity.badRequest().body(Problems.invalidRequest(errors));
    }
    return ResponseEntity.ok(stored.of(start, end, ids));
  }

  private static LocalDate date(
      String field, String value, LocalDate fallback, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(field, "must be an ISO-8601 date, e.g. 2026-11-01"));
      return null;
    }
  }

  @PostMapping("/api/fleet/precision-tests")
  @Operation(
      summary = "Starts a live precision test; 202 with its id and state",
      description =
          "Body: locationId, parkingSpots [{latitude, longitude}] (the proposed spots of the"
              + " location), from (ISO date, default one month ago). The location's vehicles are"
              + " re-aggregated over their stored trips since from; nothing is committed."
              + " 400 names each bad field, 404 for an unknown location, 503 when the queue is"
              + " full.")
  public ResponseEntity<Object> start(@RequestBody(required = false) Map<String, Object> body) {
    List<FieldError> errors = new ArrayList<>();
    LocalDate today = LocalDate.now(clock);
    PrecisionTestRequest request =
        PrecisionTestRequest.parse(body, today, today.minusDays(TRIP_RETENTION_DAYS), errors);
    if (request == null) {
      return ResponseEntity.badRequest().body(Problems.invalidRequest(errors));
    }
    if (tests.views().location(request.locationId()).isEmpty()) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND)
          .body(Problems.notFound("location " + request.locationId() + " does not exist"));
    }
    try {
      PrecisionTestRun run =
          tests.submit(request.locationId(), request.parkingSpots(), request.from());
      return ResponseEntity.accepted()
          .location(URI.create("/api/fleet/precision-tests/" + run.id()))
          .body(run.state());
    } catch (BusyException e) {
      ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.SERVICE_UNAVAILABLE);
      problem.setType(BUSY);
      problem.setTitle("Precision tests busy");
      problem.setDetail(e.getMessage());
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .header(HttpHeaders.RETRY_AFTER, "10")
          .body(problem);
    }
  }

  @GetMapping("/api/fleet/precision-tests/{id}")
  @Operation(summary = "A precision test's status, progress and, once done, its result")
  public ResponseEntity<Object> get(@PathVariable String id) {
    return tests
        .find(id)
        .<ResponseEntity<Object>>map(run -> ResponseEntity.ok(run.state()))
        .orElseGet(() -> notFound(id));
  }

  @DeleteMapping("/api/fleet/precision-tests/{id}")
  @Operation(
      summary = "Cancels a precision test",
      description =
          "202 with the state: a queued test is cancelled at once, a running one at its next"
              + " vehicle (watch the stream or GET for status CANCELLED); a finished one is left"
              + " as it is.")
  public ResponseEntity<Object> cancel(@PathVariable String id) {
    return tests
        .find(id)
        .<ResponseEntity<Object>>map(
            run -> {
              run.cancel(clock.instant());
              return ResponseEntity.accepted().body(run.state());
            })
        .orElseGet(() -> notFound(id));
  }

  @GetMapping("/api/fleet/precision-tests/{id}/stream")
  @Operation(
      summary =
          "Server-sent events of a precision test: progress events, then one result event"
              + " (status DONE, CANCELLED or FAILED), then the stream ends")
  public ResponseEntity<?> stream(@PathVariable String id) {
    return tests
        .find(id)
        .<ResponseEntity<?>>map(
            run ->
                ResponseEntity.ok()
                    .contentType(MediaType.TEXT_EVENT_STREAM)
                    .body(
                        drain.drainable(
                            SseStreams.withResyncAndHeartbeats(events(run), query.heartbeat()))))
        .orElseGet(() -> notFound(id));
  }

  private static Flux<ServerSentEvent<Object>> events(PrecisionTestRun run) {
    return run.updates()
        .map(
            state ->
                ServerSentEvent.builder()
                    .event(state.status().finished() ? RESULT_EVENT : PROGRESS_EVENT)
                    .data((Object) state)
                    .build());
  }

  private static ResponseEntity<Object> notFound(String id) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .body(Problems.notFound("precision test " + id + " does not exist (or has expired)"));
  }
}
