package dev.signalyard.queryapi.fleet.statistics;

import dev.signalyard.platform.web.Problems;
import dev.signalyard.platform.web.Problems.FieldError;
import dev.signalyard.queryapi.QueryApiProperties;
import dev.signalyard.queryapi.fleet.statistics.FleetStatistics.Interval;
import dev.signalyard.queryapi.fleet.statistics.FleetStatistics.OverviewView;
import dev.signalyard.queryapi.live.LiveStream;
import dev.signalyard.queryapi.live.LiveStream.Source;
import dev.signalyard.queryapi.live.SseStreams;
import dev.signalyard.queryapi.live.StreamDrain;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/**
 * The fleet usage statistics under {@code /api/fleet/statistics} (the reference's statistics views,
 * aggregated in memory from {@code fleet-daily-usage} and {@code fleet-roundtrips}) and the live
 * streams of changed daily usage and of new roundtrips. Every query takes the filters of {@link
 * StatisticsParameters}: {@code from}, {@code to} (ISO dates, inclusive; default the 30 days up to
 * today, UTC), {@code locations}, {@code vehicles} and {@code types} (ids, repeated or
 * comma-separated). Shapes: docs/fleet.md.
 *
 * <p>Thread-safety: stateless apart from the thread-safe views it reads. Queries are in-memory and
 * short (well under a millisecond per thousand vehicle-days), so they run on the event loop.
 */
@RestController
@Tag(name = "Fleet statistics", description = "Usage statistics for the fleet dashboards")
public class FleetStatisticsController {

  static final String USAGE_EVENT = "usage";
  static final String ROUNDTRIP_EVENT = "roundtrip";
  static final String RETRACTION_EVENT = "roundtrip-deleted";

  private final FleetStatistics statistics;
  private final FleetViews views;
  private final FleetStatisticsProperties properties;
  private final QueryApiProperties query;
  private final StreamDrain drain;
  private final Clock clock;

  FleetStatisticsController(
      FleetStatistics statistics,
      FleetViews views,
      FleetStatisticsProperties properties,
      QueryApiProperties query,
      StreamDrain drain) {
    this.statistics = statistics;
    this.views = views;
    this.properties = properties;
    this.query = query;
    this.drain = drain;
    this.clock = Clock.systemUTC();
  }

  @GetMapping("/api/fleet/statistics/sum")
  @Operation(
      summary = "Totals of the period: km, roundtrips, driving hours, CO2e, vehicles",
      description = "Filters: from, to (ISO dates), locations, vehicles, types.")
  public ResponseEntity<Object> sum(@ParameterObject StatisticsParameters filters) {
    return answer(filters, List.of(), statistics::sum);
  }

  @GetMapping("/api/fleet/statistics/overview")
  @Operation(
      summary = "A series per day, week or month: CO2e (emission), km (driven) or EV km share",
      description =
          "view=emission|driven|share (required), interval=day|week|month (default day);"
              + " each point splits its value by fuel group.")
  public ResponseEntity<Object> overview(
      @Parameter(description = "emission, driven or share") @RequestParam(required = false)
          String view,
      @Parameter(description = "day (default), week or month") @RequestParam(required = false)
          String interval,
      @ParameterObject StatisticsParameters filters) {
    List<FieldError> errors = new ArrayList<>();
    OverviewView chosen = choice("view", view, OverviewView.class, null, errors);
    Interval period = choice("interval", interval, Interval.class, Interval.DAY, errors);
    return answer(filters, errors, filter -> statistics.overview(filter, chosen, period));
  }

  @GetMapping("/api/fleet/statistics/driving-data")
  @Operation(
      summary = "Driving per vehicle and day or hour (aggregated, never one row per trip)",
      description =
          "bucket=day (default, from the daily usage) or hour (from the roundtrips' trips;"
              + " at most signalyard.fleet.statistics.max-hour-span-days days).")
  public ResponseEntity<Object> drivingData(
      @Parameter(description = "day (default) or hour") @RequestParam(required = false)
          String bucket,
      @ParameterObject StatisticsParameters filters) {
    List<FieldError> errors = new ArrayList<>();
    boolean hourly = "hour".equals(bucket);
    if (bucket != null && !hourly && !"day".equals(bucket)) {
      errors.add(new FieldError("bucket", "must be day or hour"));
    }
    return answer(
        filters,
        errors,
        filter -> {
          if (hourly && filter.days() > properties.maxHourSpanDays()) {
            return Problems.invalidRequest(
                List.of(
                    new FieldError(
                        "from",
                        "from..to must not cover more than "
                            + properties.maxHourSpanDays()
                            + " days with bucket=hour")));
          }
          return hourly ? statistics.drivingByHour(filter) : statistics.drivingByDay(filter);
        });
  }

  @GetMapping("/api/fleet/statistics/availability")
  @Operation(summary = "Per day: vehicles, vehicles in use, vehicles available, utilisation")
  public ResponseEntity<Object> availability(@ParameterObject StatisticsParameters filters) {
    return answer(filters, List.of(), statistics::availability);
  }

  @GetMapping("/api/fleet/statistics/kpis")
  @Operation(summary = "Key figures of the period and of the equally long period before it")
  public ResponseEntity<Object> kpis(@ParameterObject StatisticsParameters filters) {
    return answer(filters, List.of(), statistics::kpis);
  }

  @GetMapping("/api/fleet/statistics/locations/usage")
  @Operation(summary = "Per location: vehicles, km, roundtrips, driving hours, CO2e, utilisation")
  public ResponseEntity<Object> locationUsage(@ParameterObject StatisticsParameters filters) {
    return answer(filters, List.of(), statistics::locationUsage);
  }

  @GetMapping("/api/fleet/statistics/locations/activity")
  @Operation(summary = "Per location and day: km, roundtrips, active vehicles, utilisation")
  public ResponseEntity<Object> locationActivity(@ParameterObject StatisticsParameters filters) {
    return answer(filters, List.of(), statistics::locationActivity);
  }

  /**
   * Server-sent events: every changed daily usage row (event {@code usage}) of the given locations
   * (all when none), from now on; ids are {@code usage:<partition>-<offset>} positions, so {@code
   * Last-Event-ID} resumes without a gap.
   */
  @GetMapping(path = "/api/fleet/statistics/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @Operation(
      summary = "Server-sent events: changed daily usage rows (event usage), Last-Event-ID resume")
  public Flux<ServerSentEvent<Object>> usageStream(
      @RequestParam(name = "location", required = false) List<Long> locations,
      @RequestHeader(name = SseStreams.LAST_EVENT_ID, required = false) String lastEventIdHeader,
      @RequestParam(name = "lastEventId", required = false) String lastEventId) {
    LiveStream stream =
        LiveStream.of(
            query.subscriberBuffer(),
            List.of(
                Source.changesOnly(
                    "usage",
                    views.dailyUsageView(),
                    entry ->
                        wanted(locations, entry.value().getLocationId())
                            ? ServerSentEvent.builder()
                                .event(USAGE_EVENT)
                                .data((Object) UsageEvent.of(entry.value()))
                                .build()
                            : null)));
    return open(stream, lastEventIdHeader, lastEventId);
  }

  /**
   * Server-sent events: every roundtrip as it is materialized (event {@code roundtrip}) and every
   * retraction (event {@code roundtrip-deleted}), of the given vehicles and locations (all when
   * none); ids are {@code roundtrips:<partition>-<offset>} positions.
   */
  @GetMapping(path = "/api/fleet/roundtrips/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @Operation(
      summary =
          "Server-sent events: new roundtrips (event roundtrip) and retractions"
              + " (roundtrip-deleted), Last-Event-ID resume")
  public Flux<ServerSentEvent<Object>> roundtripStream(
      @RequestParam(name = "vehicle", required = false) List<Long> vehicles,
      @RequestParam(name = "location", required = false) List<Long> locations,
      @RequestHeader(name = SseStreams.LAST_EVENT_ID, required = false) String lastEventIdHeader,
      @RequestParam(name = "lastEventId", required = false) String lastEventId) {
    LiveStream stream =
        LiveStream.of(
            query.subscriberBuffer(),
            List.of(
                Source.changesOnly(
                    "roundtrips",
                    views.roundtripView(),
                    entry ->
                        wanted(vehicles, entry.value().getVehicleId())
                                && wanted(locations, entry.value().getStartLocationId())
                            ? ServerSentEvent.builder()
                                .event(
                                    entry.value().getDeleted() ? RETRACTION_EVENT : ROUNDTRIP_EVENT)
                                .data((Object) RoundtripEvent.of(entry.value()))
                                .build()
                            : null)));
    return open(stream, lastEventIdHeader, lastEventId);
  }

  private Flux<ServerSentEvent<Object>> open(
      LiveStream stream, String lastEventIdHeader, String lastEventId) {
    return drain.drainable(
        SseStreams.withResyncAndHeartbeats(
            stream.open(SseStreams.lastEventId(lastEventIdHeader, lastEventId)),
            query.heartbeat()));
  }

  private static boolean wanted(List<Long> ids, Long id) {
    return ids == null || ids.isEmpty() || (id != null && ids.contains(id));
  }

  /**
   * Answers {@code query} of the filter {@code filters} describe, or 400 with the {@code earlier}
   * errors of the endpoint's own parameters followed by those of the filters.
   */
  private ResponseEntity<Object> answer(
      StatisticsParameters filters,
      List<FieldError> earlier,
      Function<StatisticsFilter, Object> query) {
    List<FieldError> errors = new ArrayList<>(earlier);
    StatisticsFilter filter =
        filters.filter(LocalDate.now(clock), properties.maxSpanDays(), errors);
    if (!errors.isEmpty()) {
      return ResponseEntity.badRequest().body(Problems.invalidRequest(errors));
    }
    Object body = query.apply(filter);
    if (body instanceof ProblemDetail problem) {
      return ResponseEntity.badRequest().body(problem);
    }
    return ResponseEntity.ok(body);
  }

  private static <E extends Enum<E>> E choice(
      String field, String value, Class<E> type, E fallback, List<FieldError> errors) {
    List<String> names = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      names.add(constant.name().toLowerCase(Locale.ROOT));
    }
    if (value == null || value.isBlank()) {
      if (fallback == null) {
        errors.add(new FieldError(field, "is required: one of " + String.join(", ", names)));
      }
      return fallback;
    }
    int index = names.indexOf(value.trim().toLowerCase(Locale.ROOT));
    if (index < 0) {
      errors.add(new FieldError(field, "must be one of " + String.join(", ", names)));
      return fallback;
    }
    return type.getEnumConstants()[index];
  }
}
