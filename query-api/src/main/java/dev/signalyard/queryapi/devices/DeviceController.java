package dev.signalyard.queryapi.devices;

import static dev.signalyard.queryapi.web.QueryParameters.instant;
import static dev.signalyard.queryapi.web.QueryParameters.integer;

import dev.signalyard.platform.web.Problems;
import dev.signalyard.platform.web.Problems.FieldError;
import dev.signalyard.queryapi.QueryApiProperties;
import dev.signalyard.queryapi.live.EncodedEvents;
import dev.signalyard.queryapi.live.LiveStream;
import dev.signalyard.queryapi.live.LiveStream.Source;
import dev.signalyard.queryapi.live.SseStreams;
import dev.signalyard.queryapi.live.StreamDrain;
import dev.signalyard.queryapi.live.TopicView;
import dev.signalyard.queryapi.live.TopicView.Entry;
import dev.signalyard.queryapi.stores.DeviceStateFilter;
import dev.signalyard.queryapi.stores.DeviceStateQueries;
import dev.signalyard.schemas.commands.DeviceCommandStatus;
import dev.signalyard.schemas.devices.DeviceEvent;
import dev.signalyard.schemas.devices.DeviceState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Devices: the list ({@code GET /api/devices}, filtered and paged), one device's state ({@code GET
 * /api/devices/{imei}}), its track ({@code GET /api/devices/{imei}/track}, JSON or GeoJSON) and the
 * live stream ({@code GET /api/devices/stream}: server-sent events, the states first, then state
 * changes and device events; ids are {@code state:<partition>-<offset>} of device-state and {@code
 * events:<partition>-<offset>} of device-events). See docs/api.md.
 *
 * <p>Thread-safety: stateless apart from the thread-safe views it reads.
 */
@RestController
public class DeviceController {

  static final String DEVICE_EVENT = "device";
  static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");
  static final int DEFAULT_PAGE_SIZE = 50;
  static final int MAX_PAGE_SIZE = 500;
  static final Duration DEFAULT_TRACK_SPAN = Duration.ofHours(24);

  private final TopicView<DeviceState> states;
  private final TopicView<DeviceEvent> events;
  private final TopicView<DeviceCommandStatus> commandStatus;
  private final TrackHistory tracks;
  private final QueryApiProperties properties;
  private final StreamDrain drain;
  private final DeviceStateQueries stores;
  private final EncodedEvents<DeviceState> stateEvents;
  private final EncodedEvents<DeviceEvent> deviceEvents;
  private final EncodedEvents<DeviceCommandStatus> commandStatusEvents;
  private final Clock clock = Clock.systemUTC();

  DeviceController(
      TopicView<DeviceState> states,
      TopicView<DeviceEvent> events,
      TopicView<DeviceCommandStatus> commandStatus,
      TrackHistory tracks,
      QueryApiProperties properties,
      StreamDrain drain,
      ObjectProvider<DeviceStateQueries> stores,
      EncodedEvents<DeviceCommandStatus> commandStatusEvents,
      JsonMapper json) {
    this.states = states;
    this.events = events;
    this.commandStatus = commandStatus;
    this.tracks = tracks;
    this.properties = properties;
    this.drain = drain;
    this.stores = stores.getIfAvailable();
    this.commandStatusEvents = commandStatusEvents;
    this.stateEvents = EncodedEvents.of(json, DeviceController::stateEvent);
    this.deviceEvents =
        EncodedEvents.of(
            json, e -> DeviceEventName.of(e.value().getType()) != null ? deviceEvent(e) : null);
  }

  /**
   * Devices matching {@code q} (part of the IMEI) and {@code online}, in IMEI order, paged.
   * Gathered from every replica's part of the partitioned store when it is on; from this node's
   * snapshot when it is off or cannot answer (see docs/architecture.md).
   */
  @GetMapping("/api/devices")
  public Mono<ResponseEntity<?>> list(
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String online,
      @RequestParam(required = false) String page,
      @RequestParam(required = false) String size,
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
    List<FieldError> errors = new ArrayList<>();
    int pageNumber = integer("page", page, 0, 0, Integer.MAX_VALUE, errors);
    int pageSize = integer("size", size, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE, errors);
    if (online != null && !online.equals("true") && !online.equals("false")) {
      errors.add(new FieldError("online", "must be true or false"));
    }
    if (!errors.isEmpty()) {
      return Mono.just(ResponseEntity.badRequest().body(Problems.invalidRequest(errors)));
    }
    DeviceStateFilter filter =
        new DeviceStateFilter(q, online == null ? null : Boolean.valueOf(online));
    Mono<ResponseEntity<?>> fromSnapshot =
        Mono.fromSupplier(() -> listFromSnapshot(filter, pageNumber, pageSize));
    if (stores == null) {
      return fromSnapshot;
    }
    int firstN = (int) Math.min((long) (pageNumber + 1) * pageSize, Integer.MAX_VALUE);
    return stores
        .list(filter, firstN, authorization)
        .<ResponseEntity<?>>map(
            range ->
                ResponseEntity.ok()
                    .header(
                        DeviceStateQueries.SERVED_BY_HEADER,
                        DeviceStateQueries.GATHERED + " " + range.replicas())
                    .body(page(range.states(), range.matched(), pageNumber, pageSize)))
        .switchIfEmpty(fromSnapshot);
  }

  /**
   * One device's state: from the replica that owns it in the partitioned store (this one or
   * another, or a standby copy while the owner restarts), else from this node's snapshot. The
   * {@code X-Signalyard-Served-By} header names the path.
   */
  @GetMapping("/api/devices/{imei}")
  public Mono<ResponseEntity<?>> get(
      @PathVariable String imei,
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
    Mono<ResponseEntity<?>> fromSnapshot =
        Mono.fromSupplier(() -> answer(states.get(imei), imei, DeviceStateQueries.SNAPSHOT));
    if (stores == null) {
      return fromSnapshot;
    }
    return stores
        .find(imei, authorization)
        .<ResponseEntity<?>>map(found -> answer(found.state(), imei, found.servedBy()))
        .switchIfEmpty(fromSnapshot);
  }

  private ResponseEntity<?> listFromSnapshot(
      DeviceStateFilter filter, int pageNumber, int pageSize) {
    List<DeviceState> matching =
        states.snapshot().stream()
            .map(Entry::value)
            .filter(state -> state != null && filter.matches(state))
            .sorted(Comparator.comparing(DeviceState::getImei))
            .toList();
    return ResponseEntity.ok()
        .header(DeviceStateQueries.SERVED_BY_HEADER, DeviceStateQueries.SNAPSHOT)
        .body(page(matching, matching.size(), pageNumber, pageSize));
  }

  private static DevicePage page(
      List<DeviceState> sorted, long total, int pageNumber, int pageSize) {
    long skip = (long) pageNumber * pageSize;
    List<DeviceStateView> items =
        sorted.stream().skip(skip).limit(pageSize).map(DeviceStateView::of).toList();
    return new DevicePage(items, pageNumber, pageSize, total);
  }

  private static ResponseEntity<?> answer(
      Optional<DeviceState> state, String imei, String servedBy) {
    return state
        .<ResponseEntity<?>>map(
            s ->
                ResponseEntity.ok()
                    .header(DeviceStateQueries.SERVED_BY_HEADER, servedBy)
                    .body(DeviceStateView.of(s)))
        .orElseGet(() -> notFound(imei));
  }

  /**
   * The track between {@code from} and {@code to} (ISO-8601 instants; default: the 24 hours up to
   * now), as GeoJSON when the client accepts {@code application/geo+json}, else JSON.
   */
  @GetMapping("/api/devices/{imei}/track")
  public ResponseEntity<?> track(
      @PathVariable String imei,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestHeader(name = "Accept", required = false) String accept) {
    List<FieldError> errors = new ArrayList<>();
    Instant end = instant("to", to, clock.instant(), errors);
    Instant start =
        instant("from", from, end == null ? null : end.minus(DEFAULT_TRACK_SPAN), errors);
    if (errors.isEmpty() && start.isAfter(end)) {
      errors.add(new FieldError("from", "must not be after to"));
    }
    if (!errors.isEmpty()) {
      return ResponseEntity.badRequest().body(Problems.invalidRequest(errors));
    }
    if (states.get(imei).isEmpty() && !tracks.knows(imei)) {
      return notFound(imei);
    }
    TrackView track = TrackView.of(imei, start, end, tracks.between(imei, start, end));
    if (accept != null
        && MediaType.parseMediaTypes(accept).stream().anyMatch(GEO_JSON::equalsTypeAndSubtype)) {
      return ResponseEntity.ok().contentType(GEO_JSON).body(track.geoJson());
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(track);
  }

  /**
   * Server-sent events: the state of every (or each named) device, then state changes and device
   * events as they happen. Event ids are stream positions: a client that reconnects with {@code
   * Last-Event-ID} (or {@code ?lastEventId=}) gets exactly the changes it missed. A subscriber that
   * falls behind its buffer gets {@code resync} and the stream ends.
   */
  @GetMapping(path = "/api/devices/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  public Flux<ServerSentEvent<Object>> stream(
      @RequestParam(name = "imei", required = false) List<String> imeis,
      @RequestHeader(name = SseStreams.LAST_EVENT_ID, required = false) String lastEventIdHeader,
      @RequestParam(name = "lastEventId", required = false) String lastEventId) {
    Predicate<String> wanted = imei -> imeis == null || imeis.isEmpty() || imeis.contains(imei);
    LiveStream stream =
        LiveStream.of(
            properties.subscriberBuffer(),
            List.of(
                Source.withSnapshot(
                    "state",
                    states,
                    Comparator.comparing(Entry::key),
                    entry -> wanted.test(entry.key()) ? stateEvents.of(entry) : null),
                Source.changesOnly(
                    "events",
                    events,
                    entry -> wanted.test(entry.key()) ? deviceEvents.of(entry) : null),
                Source.changesOnly(
                    "commands",
                    commandStatus,
                    entry ->
                        wanted.test(entry.value().getImei())
                            ? commandStatusEvents.of(entry)
                            : null)));
    return drain.drainable(
        SseStreams.withResyncAndHeartbeats(
            stream.open(SseStreams.lastEventId(lastEventIdHeader, lastEventId)),
            properties.heartbeat()));
  }

  private static ServerSentEvent<Object> stateEvent(Entry<DeviceState> entry) {
    return ServerSentEvent.builder()
        .event(DEVICE_EVENT)
        .data((Object) DeviceStateView.of(entry.value()))
        .build();
  }

  private static ServerSentEvent<Object> deviceEvent(Entry<DeviceEvent> entry) {
    return ServerSentEvent.builder()
        .event(DeviceEventName.of(entry.value().getType()))
        .data((Object) DeviceEventView.of(entry.value()))
        .build();
  }

  private static ResponseEntity<?> notFound(String imei) {
    return ResponseEntity.status(404)
        .body(Problems.notFound("No report has been received from device " + imei));
  }
}
