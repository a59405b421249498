package dev.signalyard.queryapi.fleet.trips;

import dev.signalyard.queryapi.QueryApiProperties;
import dev.signalyard.schemas.fleet.Trip;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Bulk upload of fleet trips (write role):
 *
 * <ul>
 *   <li>{@code POST /api/fleet/trips}: CSV ({@code text/csv}, header row {@code
 *       vehicleId,tripId,startTime,endTime,startLatitude,startLongitude,endLatitude,endLongitude,distanceKm})
 *       or JSON (an array of objects with those fields);
 *   <li>{@code POST /api/fleet/trips/gps-logs}: raw points, CSV or JSON with {@code
 *       vehicleId,time,latitude,longitude,ignition}, made into trips as the reference's {@code
 *       logs_to_trips} did.
 * </ul>
 *
 * <p>A file is applied atomically: every row is validated first, and any invalid row answers 400
 * with a problem listing each error (row, field, message) and applies nothing; a valid file goes to
 * {@code fleet-trips} in one Kafka transaction, answered 200 once committed, or 503 when Kafka
 * could not commit it (nothing applied either). Uploading a file again replaces its trips
 * downstream, since a trip is identified by vehicle and trip id.
 *
 * <p>Thread-safety: stateless apart from the thread-safe {@link TripTransactions}.
 */
@RestController
@Tag(name = "Fleet trips", description = "Bulk upload of trips and raw GPS logs")
public class TripUploadController {

  private static final Logger log = LoggerFactory.getLogger(TripUploadController.class);
  private static final MediaType CSV = MediaType.parseMediaType("text/csv");

  private final TripTransactions transactions;
  private final DataSize uploadLimit;
  private final Clock clock = Clock.systemUTC();

  TripUploadController(TripTransactions transactions, QueryApiProperties properties) {
    this.transactions = transactions;
    this.uploadLimit = properties.maxUploadSize();
  }

  @Operation(
      summary = "Uploads trips (CSV or JSON), applied atomically",
      description =
          "CSV with the header row vehicleId,tripId,startTime,endTime,startLatitude,"
              + "startLongitude,endLatitude,endLongitude,distanceKm, or a JSON array of objects"
              + " with those fields; instants in ISO-8601. Any invalid row: 400 listing every"
              + " error (row, field, message), nothing applied. Otherwise all trips are committed"
              + " to fleet-trips in one Kafka transaction; 503 when Kafka could not commit.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content = {
                @Content(mediaType = "text/csv"),
                @Content(mediaType = "application/json")
              }))
  @PostMapping(
      path = "/api/fleet/trips",
      consumes = {"text/csv", MediaType.APPLICATION_JSON_VALUE})
  Mono<Map<String, Object>> uploadTrips(ServerHttpRequest request) {
    return body(request)
        .map(
            body -> {
              UploadedRows.Parsed rows = rows(request, body, TripRows.COLUMNS);
              return TripRows.trips(rows, clock.instant());
            })
        .publishOn(Schedulers.boundedElastic())
        .map(
            trips -> {
              transactions.commit(trips);
              long vehicles = trips.stream().map(Trip::getVehicleId).distinct().count();
              log.info("Trip upload: {} trips of {} vehicles committed", trips.size(), vehicles);
              return Map.<String, Object>of("trips", trips.size(), "vehicles", vehicles);
            });
  }

  @Operation(
      summary = "Uploads raw GPS points with ignition (CSV or JSON), made into trips",
      description =
          "Columns vehicleId,time,latitude,longitude,ignition. Each vehicle's points become trips"
              + " as the reference's logs_to_trips did (0,0 and >200 km/h points dropped, split on"
              + " ignition). Validation and atomicity as for POST /api/fleet/trips.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content = {
                @Content(mediaType = "text/csv"),
                @Content(mediaType = "application/json")
              }))
  @PostMapping(
      path = "/api/fleet/trips/gps-logs",
      consumes = {"text/csv", MediaType.APPLICATION_JSON_VALUE})
  Mono<Map<String, Object>> uploadGpsLogs(ServerHttpRequest request) {
    return body(request)
        .map(body -> GpsLogRows.trips(rows(request, body, GpsLogRows.COLUMNS), clock.instant()))
        .publishOn(Schedulers.boundedElastic())
        .map(
            result -> {
              if (!result.trips().isEmpty()) {
                transactions.commit(result.trips());
              }
              log.info(
                  "GPS log upload: {} points of {} vehicles made {} trips, committed",
                  result.points(),
                  result.vehicles(),
                  result.trips().size());
              return Map.<String, Object>of(
                  "points", result.points(),
                  "vehicles", result.vehicles(),
                  "trips", result.trips().size());
            });
  }

  private static UploadedRows.Parsed rows(
      ServerHttpRequest request, byte[] body, List<String> columns) {
    MediaType type = request.getHeaders().getContentType();
    Function<byte[], UploadedRows.Parsed> parser =
        type != null && CSV.isCompatibleWith(type)
            ? b -> UploadedRows.csv(b, columns)
            : b -> UploadedRows.json(b, columns);
    return parser.apply(body);
  }

  /**
   * The whole body, refused with 413 past {@code signalyard.query.max-upload-size} without reading
   * further (the service's body-size filter enforces the same limit before the request gets here).
   */
  private Mono<byte[]> body(ServerHttpRequest request) {
    long limit = uploadLimit.toBytes();
    if (request.getHeaders().getContentLength() > limit) {
      return Mono.error(new UploadTooLargeException(limit));
    }
    return DataBufferUtils.join(request.getBody(), (int) Math.min(Integer.MAX_VALUE, limit))
        .onErrorMap(DataBufferLimitException.class, e -> new UploadTooLargeException(limit))
        .map(
            buffer -> {
              byte[] bytes = new byte[buffer.readableByteCount()];
              buffer.read(bytes);
              DataBufferUtils.release(buffer);
              return bytes;
            })
        .defaultIfEmpty(new byte[0]);
  }
}
