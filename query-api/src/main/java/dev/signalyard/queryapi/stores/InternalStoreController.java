package dev.signalyard.queryapi.stores;

import static dev.signalyard.queryapi.web.QueryParameters.integer;

import dev.signalyard.platform.web.Problems;
import dev.signalyard.platform.web.Problems.FieldError;
import dev.signalyard.queryapi.stores.LocalDeviceStates.NotServedHereException;
import dev.signalyard.schemas.devices.DeviceState;
import dev.signalyard.schemas.serde.AvroSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The endpoints replicas call on each other; not for clients (the ingress routes only {@code /api}
 * and {@code /webhooks}). When {@link StoreProperties#internalToken()} is set, each call must carry
 * it in {@value #TOKEN_HEADER}.
 *
 * <ul>
 *   <li>{@code GET /internal/stores/device-state/{imei}[?standby=true]}: the device's state as Avro
 *       single-object encoding ({@code application/octet-stream}), or 404 when this replica owns
 *       the key's partition and has no state for it. Both carry {@value #PARTITION_HEADER}, so a
 *       caller can tell them from a replica that has no such endpoint. With {@code standby=true} a
 *       standby copy within the lag bound answers too.
 *   <li>{@code GET
 *       /internal/stores/device-state?partitions=0,3[&q=&online=&limit=][&standby=true]}: the
 *       matching devices of those partitions as a {@link DeviceStateSlice}.
 * </ul>
 *
 * A replica that does not hold the asked partition (or cannot query it now) answers 503, and the
 * caller tries elsewhere.
 *
 * <p>Thread-safety: stateless apart from the thread-safe store it reads.
 */
@RestController
@ConditionalOnBooleanProperty(name = "signalyard.query.stores.enabled")
class InternalStoreController {

  static final String PATH = "/internal/stores/device-state";
  static final String TOKEN_HEADER = "X-Signalyard-Internal-Token";
  static final String PARTITION_HEADER = "X-Signalyard-Store-Partition";
  static final int MAX_LIMIT = 1_000_000;

  private static final AvroSerde<DeviceState> SERDE = AvroSerde.of(DeviceState.class);

  private final StoreReplica replica;
  private final LocalDeviceStates local;
  private final InternalToken token;
  private final Duration readTimeout;

  InternalStoreController(
      StoreReplica replica,
      LocalDeviceStates local,
      StoreProperties properties,
      InternalToken token) {
    this.replica = replica;
    this.local = local;
    this.readTimeout = properties.forwardTimeout();
    this.token = token;
  }

  @GetMapping(PATH + "/{imei}")
  Mono<ResponseEntity<?>> get(
      @PathVariable String imei,
      @RequestParam(defaultValue = "false") boolean standby,
      @RequestHeader(name = TOKEN_HEADER, required = false) String presented) {
    if (!authorized(presented)) {
      return Mono.just(unauthorized());
    }
    Mono<ResponseEntity<?>> read = Mono.fromCallable(() -> read(imei, standby));
    // Kafka Streams' query calls take locks its own threads also hold: off the event loop, and
    // bounded, so the caller hears 503 and moves on.
    return read.subscribeOn(Schedulers.boundedElastic())
        .timeout(
            readTimeout,
            Mono.fromSupplier(() -> notServedHere("The store did not answer in time")));
  }

  private ResponseEntity<?> read(String imei, boolean standby) {
    KeyQueryMetadata metadata = replica.metadataForKey(imei);
    if (metadata == KeyQueryMetadata.NOT_AVAILABLE) {
      return notServedHere("The device-state store is not queryable on this replica now");
    }
    int partition = metadata.partition();
    Optional<DeviceState> state;
    try {
      state = local.get(imei, partition, standby);
    } catch (NotServedHereException e) {
      return notServedHere(e.getMessage());
    }
    return state
        .<ResponseEntity<?>>map(
            s ->
                ResponseEntity.ok()
                    .header(PARTITION_HEADER, Integer.toString(partition))
                    .contentType(MediaType.APPLICATION_OCTET_STREAM)
                    .body(SERDE.encode(s)))
        .orElseGet(
            () ->
                ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .header(PARTITION_HEADER, Integer.toString(partition))
                    .body(Problems.notFound("No state of device " + imei + " in its partition")));
  }

  @GetMapping(PATH)
  Mono<ResponseEntity<?>> slice(
      @RequestParam(required = false) List<String> partitions,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) Boolean online,
      @RequestParam(required = false) String limit,
      @RequestParam(defaultValue = "false") boolean standby,
      @RequestHeader(name = TOKEN_HEADER, required = false) String presented) {
    if (!authorized(presented)) {
      return Mono.just(unauthorized());
    }
    List<FieldError> errors = new ArrayList<>();
    int most = integer("limit", limit, MAX_LIMIT, 0, MAX_LIMIT, errors);
    List<Integer> asked = new ArrayList<>();
    if (partitions == null || partitions.isEmpty()) {
      errors.add(new FieldError("partitions", "must name at least one partition"));
    } else {
      for (String p : partitions) {
        int partition = integer("partitions", p, -1, 0, Integer.MAX_VALUE, errors);
        if (partition >= 0) {
          asked.add(partition);
        }
      }
    }
    if (!errors.isEmpty()) {
      return Mono.just(ResponseEntity.badRequest().body(Problems.invalidRequest(errors)));
    }
    DeviceStateFilter filter = new DeviceStateFilter(q, online);
    // A scan of RocksDB blocks: off the event loop.
    return Mono.<ResponseEntity<?>>fromCallable(
            () -> {
              try {
                return ResponseEntity.ok(local.slice(asked, filter, most, standby));
              } catch (NotServedHereException e) {
                return notServedHere(e.getMessage());
              }
            })
        .subscribeOn(Schedulers.boundedElastic())
        .timeout(
            readTimeout,
            Mono.fromSupplier(() -> notServedHere("The partitions could not be read in time")));
  }

  private boolean authorized(String presented) {
    return token.authorizes(presented);
  }

  private static ResponseEntity<?> unauthorized() {
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
        .body(Problems.unauthorized("Internal endpoints need the replicas' " + TOKEN_HEADER));
  }

  private static ResponseEntity<?> notServedHere(String detail) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
    problem.setTitle("Not served by this replica");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(problem);
  }
}
