package dev.signalyard.queryapi.broadcasts;

import static dev.signalyard.queryapi.web.QueryParameters.instant;
import static dev.signalyard.queryapi.web.QueryParameters.integer;

import dev.signalyard.platform.web.InvalidRequestException;
import dev.signalyard.platform.web.Problems;
import dev.signalyard.platform.web.Problems.FieldError;
import dev.signalyard.queryapi.live.SseStreams;
import dev.signalyard.queryapi.live.StreamDrain;
import dev.signalyard.queryapi.live.TopicView;
import dev.signalyard.schemas.broadcasts.Broadcast;
import dev.signalyard.schemas.broadcasts.BroadcastCount;
import dev.signalyard.schemas.broadcasts.SessionState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/**
 * Run-control broadcasts: the feed ({@code GET /api/broadcasts}, filtered, newest first, cursor
 * paged), the live stream ({@code GET /api/broadcasts/stream}: the last N, then live), the sessions
 * ({@code GET /api/sessions}, {@code GET /api/sessions/{session}}) and per-session counts ({@code
 * GET /api/sessions/{session}/counts}). See docs/broadcasts.md.
 *
 * <p>Thread-safety: stateless apart from the thread-safe views it reads.
 */
@RestController
public class BroadcastController {

  static final String BROADCAST_EVENT = "broadcast";
  static final Duration DEFAULT_COUNT_SPAN = Duration.ofHours(1);

  /** Length of the count windows streams produces; wider windows sum them. */
  static final Duration MINUTE = Duration.ofMinutes(1);

  static final Duration MAX_COUNT_WINDOW = Duration.ofDays(1);

  /** Buckets of one count answer, at most: keeps a wide range at a small window bounded. */
  static final int MAX_BUCKETS = 10_000;

  private final BroadcastFeed feed;
  private final TopicView<SessionState> sessions;
  private final TopicView<BroadcastCount> counts;
  private final BroadcastQueryProperties properties;
  private final StreamDrain drain;
  private final Clock clock = Clock.systemUTC();

  BroadcastController(
      BroadcastFeed feed,
      TopicView<SessionState> broadcastSessionView,
      TopicView<BroadcastCount> broadcastCountView,
      BroadcastQueryProperties properties,
      StreamDrain drain) {
    this.feed = feed;
    this.sessions = broadcastSessionView;
    this.counts = broadcastCountView;
    this.properties = properties;
    this.drain = drain;
  }

  /** A page of broadcasts, newest first; {@code next} is the cursor of the following page. */
  record BroadcastPage(List<BroadcastView> items, String next) {}

  /**
   * Broadcasts, newest first. {@code severity} takes names, a comma list or a minimum ({@code
   * >=ERROR}; the unencoded {@code ?severity>=ERROR} works too), {@code type} a comma list, {@code
   * q} a case-insensitive text fragment, {@code since}/{@code until} ISO-8601 instants.
   */
  @GetMapping("/api/broadcasts")
  public ResponseEntity<?> list(
      @RequestParam(required = false) String session,
      @RequestParam(required = false) String severity,
      @RequestParam(name = "severity>", required = false) String minimumSeverity,
      @RequestParam(required = false) String type,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String since,
      @RequestParam(required = false) String until,
      @RequestParam(required = false) String limit,
      @RequestParam(required = false) String cursor) {
    List<FieldError> errors = new ArrayList<>();
    Predicate<Broadcast> filter =
        filter(session, severity, minimumSeverity, type, q, since, until, errors);
    int size = integer("limit", limit, properties.defaultLimit(), 1, properties.maxLimit(), errors);
    if (cursor != null) {
      try {
        BroadcastFeed.decode(cursor);
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("cursor", e.getMessage()));
      }
    }
    if (!errors.isEmpty()) {
      return ResponseEntity.badRequest().body(Problems.invalidRequest(errors));
    }
    BroadcastFeed.Page page = feed.page(filter, cursor, size);
    return ResponseEntity.ok(
        new BroadcastPage(
            page.items().stream().map(BroadcastView::of).toList(), page.nextCursor()));
  }

  /**
   * Server-sent events: the last {@code last} matching broadcasts (default {@code stream-backlog}),
   * oldest first, then each new one. Event name {@code broadcast}, id the broadcast id. A
   * subscriber that falls behind gets {@code resync} and the stream ends.
   */
  @GetMapping(path = "/api/broadcasts/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  public Flux<ServerSentEvent<Object>> stream(
      @RequestParam(required = false) String session,
      @RequestParam(required = false) String severity,
      @RequestParam(name = "severity>", required = false) String minimumSeverity,
      @RequestParam(required = false) String type,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String last) {
    List<FieldError> errors = new ArrayList<>();
    Predicate<Broadcast> filter =
        filter(session, severity, minimumSeverity, type, q, null, null, errors);
    int backlog =
        integer("last", last, properties.streamBacklog(), 0, properties.maxLimit(), errors);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    BroadcastFeed.Subscription subscription =
        feed.subscribe(filter, backlog, properties.subscriberBuffer());
    return drain.drainable(
        SseStreams.withResyncAndHeartbeats(
            Flux.fromIterable(subscription.recent())
                .concatWith(subscription.live())
                .map(BroadcastController::event),
            properties.heartbeat()));
  }

  /** Known sessions, most recently active first, with FSM state, processes and counts. */
  @GetMapping("/api/sessions")
  public List<SessionView> sessions() {
    Map<String, Map<String, Long>> totals = totalsBySession();
    return sessions.snapshot().stream()
        .map(TopicView.Entry::value)
        .filter(s -> s != null)
        .sorted(Comparator.comparing(SessionState::getLastActivity).reversed())
        .map(s -> SessionView.of(s, totals.getOrDefault(s.getSession(), Map.of())))
        .toList();
  }

  @GetMapping("/api/sessions/{session}")
  public ResponseEntity<?> session(@PathVariable String session) {
    return sessions
        .get(session)
        .<ResponseEntity<?>>map(
            s ->
                ResponseEntity.ok(
                    SessionView.of(s, totalsBySession().getOrDefault(session, Map.of()))))
        .orElseGet(() -> notFound(session));
  }

  /**
   * Counts of one session per window ({@code window}: a whole number of minutes up to a day, e.g.
   * {@code 1m}, {@code 5m}, {@code 1h}; default 1m) between {@code from} and {@code to} (ISO-8601;
   * default the hour up to now). Windows are aligned to the epoch.
   */
  @GetMapping("/api/sessions/{session}/counts")
  public ResponseEntity<?> counts(
      @PathVariable String session,
      @RequestParam(required = false) String window,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    List<FieldError> errors = new ArrayList<>();
    Duration size = window(window, errors);
    Instant end = instant("to", to, clock.instant(), errors);
    Instant start =
        instant("from", from, end == null ? null : end.minus(DEFAULT_COUNT_SPAN), errors);
    if (errors.isEmpty() && !start.isBefore(end)) {
      errors.add(new FieldError("from", "must be before to"));
    }
    if (errors.isEmpty() && Duration.between(start, end).dividedBy(size) > MAX_BUCKETS) {
      errors.add(
          new FieldError("window", "gives more than " + MAX_BUCKETS + " windows in from..to"));
    }
    if (!errors.isEmpty()) {
      return ResponseEntity.badRequest().body(Problems.invalidRequest(errors));
    }
    if (sessions.get(session).isEmpty()) {
      return notFound(session);
    }
    long sizeMs = size.toMillis();
    long firstStart = Math.floorDiv(start.toEpochMilli(), sizeMs) * sizeMs;
    Map<Long, Map<String, Long>> buckets = new TreeMap<>();
    for (TopicView.Entry<BroadcastCount> entry : counts.snapshot()) {
      BroadcastCount c = entry.value();
      if (c == null || !c.getSession().equals(session)) {
        continue;
      }
      long at = c.getWindowStart().toEpochMilli();
      if (at < firstStart || !c.getWindowStart().isBefore(end)) {
        continue;
      }
      long bucket = Math.floorDiv(at, sizeMs) * sizeMs;
      buckets
          .computeIfAbsent(bucket, b -> new TreeMap<>())
          .merge(c.getSeverity(), c.getCount(), Long::sum);
    }
    List<CountSeries.Bucket> series =
        buckets.entrySet().stream()
            .map(
                e ->
                    new CountSeries.Bucket(
                        Instant.ofEpochMilli(e.getKey()),
                        Instant.ofEpochMilli(e.getKey() + sizeMs),
                        e.getValue().values().stream().mapToLong(Long::longValue).sum(),
                        e.getValue()))
            .toList();
    return ResponseEntity.ok(
        new CountSeries(session, size, Instant.ofEpochMilli(firstStart), end, series));
  }

  /** Broadcasts per severity and session over the feed retention, from the minute counts. */
  private Map<String, Map<String, Long>> totalsBySession() {
    Instant cutoff = clock.instant().minus(properties.feedRetention());
    Map<String, Map<String, Long>> totals = new TreeMap<>();
    for (TopicView.Entry<BroadcastCount> entry : counts.snapshot()) {
      BroadcastCount c = entry.value();
      if (c != null && !c.getWindowEnd().isBefore(cutoff)) {
        totals
            .computeIfAbsent(c.getSession(), s -> new TreeMap<>())
            .merge(c.getSeverity(), c.getCount(), Long::sum);
      }
    }
    return totals;
  }

  private static Predicate<Broadcast> filter(
      String session,
      String severity,
      String minimumSeverity,
      String type,
      String q,
      String since,
      String until,
      List<FieldError> errors) {
    Predicate<Broadcast> filter = b -> true;
    if (session != null && !session.isBlank()) {
      Set<String> wanted = commaList(session);
      filter = filter.and(b -> wanted.contains(b.getSession()));
    }
    try {
      SeverityFilter byName = SeverityFilter.parse(severity);
      filter = filter.and(b -> byName.test(b.getSeverity()));
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError("severity", e.getMessage()));
    }
    if (minimumSeverity != null) {
      try {
        SeverityFilter minimum = SeverityFilter.minimum(minimumSeverity);
        filter = filter.and(b -> minimum.test(b.getSeverity()));
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("severity", e.getMessage()));
      }
    }
    if (type != null && !type.isBlank()) {
      Set<String> wanted =
          commaList(type).stream()
              .map(t -> t.toUpperCase(Locale.ROOT))
              .collect(Collectors.toUnmodifiableSet());
      filter = filter.and(b -> wanted.contains(b.getType()));
    }
    if (q != null && !q.isBlank()) {
      String needle = q.toLowerCase(Locale.ROOT);
      filter = filter.and(b -> b.getText().toLowerCase(Locale.ROOT).contains(needle));
    }
    Instant after = instant("since", since, null, errors);
    if (after != null) {
      filter = filter.and(b -> !b.getTime().isBefore(after));
    }
    Instant before = instant("until", until, null, errors);
    if (before != null) {
      filter = filter.and(b -> b.getTime().isBefore(before));
    }
    return filter;
  }

  private static Set<String> commaList(String value) {
    return Arrays.stream(value.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  private static ServerSentEvent<Object> event(Broadcast b) {
    return ServerSentEvent.builder()
        .id(b.getId())
        .event(BROADCAST_EVENT)
        .data((Object) BroadcastView.of(b))
        .build();
  }

  private static Duration window(String value, List<FieldError> errors) {
    if (value == null) {
      return MINUTE;
    }
    try {
      Duration d = DurationStyle.detectAndParse(value);
      if (!d.isNegative()
          && !d.isZero()
          && d.compareTo(MAX_COUNT_WINDOW) <= 0
          && d.toMillis() % MINUTE.toMillis() == 0) {
        return d;
      }
    } catch (IllegalArgumentException e) {
      // reported below like an out-of-range window
    }
    errors.add(
        new FieldError("window", "must be a whole number of minutes up to 1d, e.g. 1m, 5m, 1h"));
    return MINUTE;
  }

  private static ResponseEntity<?> notFound(String session) {
    return ResponseEntity.status(404)
        .body(Problems.notFound("No broadcast has been received from session " + session));
  }
}
