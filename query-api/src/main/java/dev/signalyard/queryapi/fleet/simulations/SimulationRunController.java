package dev.signalyard.queryapi.fleet.simulations;

import dev.signalyard.fleet.simulation.SimulationExports;
import dev.signalyard.fleet.simulation.SimulationOutcome;
import dev.signalyard.platform.web.InvalidRequestException;
import dev.signalyard.platform.web.Problems;
import dev.signalyard.platform.web.Problems.FieldError;
import dev.signalyard.queryapi.QueryApiProperties;
import dev.signalyard.queryapi.kafka.BrokerUnavailableException;
import dev.signalyard.queryapi.live.LiveStream;
import dev.signalyard.queryapi.live.LiveStream.Source;
import dev.signalyard.queryapi.live.SseStreams;
import dev.signalyard.queryapi.live.StreamDrain;
import dev.signalyard.queryapi.live.TopicView.Entry;
import dev.signalyard.queryapi.web.QueryParameters;
import dev.signalyard.schemas.fleet.SimulationAction;
import dev.signalyard.schemas.fleet.SimulationCommand;
import dev.signalyard.schemas.fleet.SimulationKind;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fleet simulations and goal seeks as durable runs, one controller for both kinds: {@code
 * /api/fleet/simulations} and {@code /api/fleet/goal-seeks}.
 *
 * <ul>
 *   <li>{@code POST} checks the request and produces a RUN command to simulation-requests ({@code
 *       acks=all}): 202 with the run id and a Location, 400 naming every bad field, 503 when Kafka
 *       did not acknowledge;
 *   <li>{@code GET .../{id}} the run: status, progress, request and result ({@code ?format=csv} or
 *       {@code xlsx} with {@code part=driving-book|vehicle-usage} exports a DONE simulation);
 *   <li>{@code GET ...} the history of finished runs, newest first, paged;
 *   <li>{@code GET .../{id}/stream} server-sent {@code progress} events, then one {@code result}
 *       event, after which the stream completes;
 *   <li>{@code DELETE .../{id}} produces a CANCEL command: 202, or 409 when the run has finished.
 * </ul>
 *
 * The streams service computes the runs; see docs/simulation.md ("Runs as streaming jobs").
 *
 * <p>Thread-safety: stateless apart from the thread-safe views and producer it uses.
 */
@RestController
public class SimulationRunController {

  static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  /** How long a stream waits for a just-accepted run to reach this node's views. */
  private static final Duration ARRIVAL = Duration.ofSeconds(3);

  private static final String XLSX =
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  private final RunViews views;
  private final RunRequests requests;
  private final RunCommandProducer producer;
  private final SimulationHistory history;
  private final SimulationRunsProperties properties;
  private final QueryApiProperties live;
  private final StreamDrain drain;
  private final JsonMapper json;
  private final RunDocuments documents;
  private final Clock clock = Clock.systemUTC();

  SimulationRunController(
      RunViews views,
      RunRequests requests,
      RunCommandProducer producer,
      SimulationHistory history,
      SimulationRunsProperties properties,
      QueryApiProperties live,
      StreamDrain drain,
      JsonMapper json) {
    this.views = views;
    this.requests = requests;
    this.producer = producer;
    this.history = history;
    this.properties = properties;
    this.live = live;
    this.drain = drain;
    this.json = json;
    this.documents = new RunDocuments(json);
  }

  /** Requests a run: 202 with its id and Location once Kafka acknowledged the command. */
  @PostMapping(RunKind.PATH)
  public Mono<ResponseEntity<Object>> start(
      @PathVariable String runs,
      @RequestBody(required = false) Map<String, Object> body,
      Principal principal) {
    RunKind kind = RunKind.of(runs);
    String requestJson = requests.accept(kind.kind(), body);
    SimulationCommand command =
        SimulationCommand.newBuilder()
            .setId(UUID.randomUUID().toString())
            .setKind(kind.kind())
            .setAction(SimulationAction.RUN)
            .setRequestJson(requestJson)
            .setRequestedBy(principal == null ? null : principal.getName())
            .setRequestedAt(clock.instant())
            .build();
    return producer
        .send(command)
        .then(
            Mono.fromSupplier(
                () ->
                    ResponseEntity.accepted()
                        .location(URI.create(kind.location(command.getId())))
                        .<Object>body(
                            Map.of(
                                "id",
                                command.getId(),
                                "kind",
                                kind.kind().name(),
                                "status",
                                "QUEUED",
                                "requestedAt",
                                command.getRequestedAt()))))
        .onErrorResume(BrokerUnavailableException.class, e -> unavailable(e, "requested"));
  }

  /** The history of finished runs, newest request first. */
  @GetMapping(RunKind.PATH)
  public Mono<HistoryPage> list(
      @PathVariable String runs,
      @RequestParam(name = "page", required = false) String page,
      @RequestParam(name = "size", required = false) String size) {
    List<FieldError> errors = new ArrayList<>();
    int pageNumber = QueryParameters.integer("page", page, 0, 0, 1_000_000, errors);
    int pageSize = QueryParameters.integer("size", size, 20, 1, properties.maxPageSize(), errors);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return history.page(RunKind.of(runs), pageNumber, pageSize);
  }

  /**
   * The run, or an export of its result: {@code format=json} (default), {@code csv} with {@code
   * part=driving-book} (default) or {@code vehicle-usage}, or {@code xlsx} (every part).
   */
  @GetMapping(RunKind.PATH + "/{id}")
  public ResponseEntity<Object> get(
      @PathVariable String runs,
      @PathVariable String id,
      @RequestParam(name = "format", required = false, defaultValue = "json") String format,
      @RequestParam(name = "part", required = false, defaultValue = "driving-book") String part) {
    RunKind kind = RunKind.of(runs);
    checkExport(format, part);
    Optional<RunState> found = views.run(id, kind);
    if (found.isEmpty()) {
      return notFound(kind, id);
    }
    RunState run = found.get();
    if (format.equals("json")) {
      return ResponseEntity.ok(documents.run(run));
    }
    if (kind.kind() != SimulationKind.SIMULATION || !"DONE".equals(run.status())) {
      return ResponseEntity.status(HttpStatus.CONFLICT)
          .body(
              conflict(
                  "Only a DONE simulation can be exported; run "
                      + id
                      + " is "
                      + run.status()
                      + " ("
                      + run.kind()
                      + ")"));
    }
    SimulationOutcome outcome =
        json.readValue(run.result().getResultJson(), SimulationOutcome.class);
    return export(id, outcome, format, part);
  }

  /** Server-sent {@code progress} events of the run, then its {@code result} event; then ends. */
  @GetMapping(path = RunKind.PATH + "/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  public Flux<ServerSentEvent<Object>> stream(
      @PathVariable String runs,
      @PathVariable String id,
      @RequestHeader(name = SseStreams.LAST_EVENT_ID, required = false) String lastEventIdHeader,
      @RequestParam(name = "lastEventId", required = false) String lastEventId) {
    RunKind kind = RunKind.of(runs);
    LiveStream stream =
        LiveStream.of(
            live.subscriberBuffer(),
            List.of(
                Source.withSnapshot(
                    "progress",
                    views.progress(),
                    Comparator.comparing(e -> e.value().getTime()),
                    e -> id.equals(e.key()) ? progressEvent(e) : null),
                Source.withSnapshot(
                    "result",
                    views.results(),
                    Comparator.comparing(Entry::key),
                    e -> id.equals(e.key()) ? resultEvent(id, kind) : null)));
    Flux<ServerSentEvent<Object>> events =
        awaitKnown(id, kind)
            .thenMany(
                stream
                    .open(SseStreams.lastEventId(lastEventIdHeader, lastEventId))
                    .takeUntil(event -> "result".equals(event.event())));
    return drain.drainable(SseStreams.withResyncAndHeartbeats(events, live.heartbeat()));
  }

  /** Cancels the run: 202 once Kafka acknowledged the CANCEL, 409 when it has finished. */
  @DeleteMapping(RunKind.PATH + "/{id}")
  public Mono<ResponseEntity<Object>> cancel(
      @PathVariable String runs, @PathVariable String id, Principal principal) {
    RunKind kind = RunKind.of(runs);
    Optional<RunState> found = views.run(id, kind);
    if (found.isEmpty()) {
      return Mono.just(notFound(kind, id));
    }
    RunState run = found.get();
    if (run.finished()) {
      return Mono.just(
          ResponseEntity.status(HttpStatus.CONFLICT)
              .body(conflict("Run " + id + " has finished: " + run.status())));
    }
    SimulationCommand cancel =
        SimulationCommand.newBuilder()
            .setId(id)
            .setKind(kind.kind())
            .setAction(SimulationAction.CANCEL)
            .setRequestJson(run.requestJson() == null ? "{}" : run.requestJson())
            .setRequestedBy(principal == null ? null : principal.getName())
            .setRequestedAt(run.requestedAt() == null ? clock.instant() : run.requestedAt())
            .build();
    return producer
        .send(cancel)
        .then(
            Mono.fromSupplier(
                () ->
                    ResponseEntity.accepted()
                        .location(URI.create(kind.location(id)))
                        .<Object>body(Map.of("id", id, "cancelRequested", true))))
        .onErrorResume(BrokerUnavailableException.class, e -> unavailable(e, "cancelled"));
  }

  private Mono<Void> awaitKnown(String id, RunKind kind) {
    return Mono.defer(
            () ->
                views.run(id, kind).isPresent()
                    ? Mono.<Void>empty()
                    : Mono.<Void>error(new IllegalStateException("unknown")))
        .retryWhen(
            reactor.util.retry.Retry.fixedDelay(ARRIVAL.toMillis() / 100, Duration.ofMillis(100)))
        .onErrorMap(
            e ->
                new ResponseStatusException(
                    HttpStatus.NOT_FOUND, "No " + kind.kind().name() + " run " + id));
  }

  private ServerSentEvent<Object> progressEvent(
      Entry<dev.signalyard.schemas.fleet.SimulationProgress> entry) {
    return ServerSentEvent.builder()
        .event("progress")
        .data((Object) documents.progress(entry.value()))
        .build();
  }

  private ServerSentEvent<Object> resultEvent(String id, RunKind kind) {
    Object data = views.run(id, kind).map(documents::run).orElse(null);
    return data == null ? null : ServerSentEvent.builder().event("result").data(data).build();
  }

  private ResponseEntity<Object> export(
      String id, SimulationOutcome outcome, String format, String part) {
    if (format.equals("xlsx")) {
      return ResponseEntity.ok()
          .contentType(MediaType.parseMediaType(XLSX))
          .header(HttpHeaders.CONTENT_DISPOSITION, attachment("simulation-" + id + ".xlsx"))
          .body(SimulationExports.xlsx(outcome));
    }
    String csv =
        part.equals("vehicle-usage")
            ? SimulationExports.vehicleUsageCsv(outcome)
            : SimulationExports.drivingBookCsv(outcome);
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header(
            HttpHeaders.CONTENT_DISPOSITION, attachment("simulation-" + id + "-" + part + ".csv"))
        .body(csv.getBytes(StandardCharsets.UTF_8));
  }

  private static String attachment(String filename) {
    return ContentDisposition.attachment().filename(filename).build().toString();
  }

  private static void checkExport(String format, String part) {
    List<FieldError> errors = new ArrayList<>();
    if (!List.of("json", "csv", "xlsx").contains(format)) {
      errors.add(new FieldError("format", "must be json, csv or xlsx"));
    }
    if (!List.of("driving-book", "vehicle-usage").contains(part)) {
      errors.add(new FieldError("part", "must be driving-book or vehicle-usage"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
  }

  private static ResponseEntity<Object> notFound(RunKind kind, String id) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .body(Problems.notFound("No " + kind.kind().name() + " run " + id));
  }

  private static ProblemDetail conflict(String detail) {
    ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.CONFLICT);
    problem.setType(URI.create("urn:signalyard:problem:run-state"));
    problem.setTitle("Run state conflict");
    problem.setDetail(detail);
    return problem;
  }

  private static Mono<ResponseEntity<Object>> unavailable(
      BrokerUnavailableException e, String what) {
    return Mono.just(
        ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
            .header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()))
            .body(
                Problems.brokerUnavailable(
                    e.getMessage() + ". The run was not " + what + "; retry.")));
  }
}
