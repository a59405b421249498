package dev.signalyard.queryapi.commands;

import dev.signalyard.platform.web.InvalidRequestException;
import dev.signalyard.platform.web.Problems;
import dev.signalyard.platform.web.Problems.FieldError;
import dev.signalyard.queryapi.QueryApiProperties;
import dev.signalyard.queryapi.kafka.AckedProducer;
import dev.signalyard.queryapi.kafka.BrokerUnavailableException;
import dev.signalyard.queryapi.live.EncodedEvents;
import dev.signalyard.queryapi.live.LiveStream;
import dev.signalyard.queryapi.live.LiveStream.Source;
import dev.signalyard.queryapi.live.SseStreams;
import dev.signalyard.queryapi.live.StreamDrain;
import dev.signalyard.queryapi.live.TopicView;
import dev.signalyard.queryapi.live.TopicView.Entry;
import dev.signalyard.schemas.commands.DeviceCommand;
import dev.signalyard.schemas.commands.DeviceCommandState;
import dev.signalyard.schemas.commands.DeviceCommandStatus;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Device commands (MT messages): {@code POST /api/devices/{imei}/commands} queues one, {@code GET
 * /api/devices/{imei}/commands} lists a device's commands newest first, {@code GET
 * .../commands/{id}} shows one, and {@code GET .../commands/stream} streams their statuses
 * (server-sent {@code commandStatus} events: the device's statuses, then every change). ingest's
 * sender delivers the commands to RockBLOCK. See docs/api.md.
 *
 * <p>A command is accepted in two acknowledged writes: its QUEUED status, then the command itself.
 * The status goes first so that the sender's later statuses can never be overtaken by it in the
 * compacted status topic.
 *
 * <p>Thread-safety: stateless apart from the thread-safe view and producer it uses.
 */
@RestController
public class DeviceCommandController {

  /** Who requested a command until the API authenticates its users. */
  static final String ANONYMOUS = "anonymous";

  static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(DeviceCommandController.class);
  private static final Pattern IMEI = Pattern.compile("\\d{15}");
  private static final Comparator<DeviceCommandStatus> OLDEST_FIRST =
      Comparator.comparing(DeviceCommandStatus::getRequestedAt)
          .thenComparing(DeviceCommandStatus::getCommandId);

  private final TopicView<DeviceCommandStatus> statuses;
  private final AckedProducer producer;
  private final QueryApiProperties properties;
  private final StreamDrain drain;
  private final EncodedEvents<DeviceCommandStatus> statusEvents;
  private final AvroSerde<DeviceCommand> commandSerde = AvroSerde.of(DeviceCommand.class);
  private final AvroSerde<DeviceCommandStatus> statusSerde =
      AvroSerde.of(DeviceCommandStatus.class);
  private final Clock clock = Clock.systemUTC();

  DeviceCommandController(
      TopicView<DeviceCommandStatus> deviceCommandStatusView,
      AckedProducer producer,
      QueryApiProperties properties,
      StreamDrain drain,
      EncodedEvents<DeviceCommandStatus> statusEvents) {
    this.statuses = deviceCommandStatusView;
    this.producer = producer;
    this.properties = properties;
    this.drain = drain;
    this.statusEvents = statusEvents;
  }

  /**
   * Queues a command: 202 with its QUEUED status and a Location once Kafka acknowledged it, 400
   * naming each bad field, 503 when Kafka did not acknowledge in time.
   */
  @PostMapping("/api/devices/{imei}/commands")
  public Mono<ResponseEntity<Object>> send(
      @PathVariable String imei, @RequestBody(required = false) Map<String, Object> body) {
    CommandRequest request = CommandRequest.parse(imei, body);
    Instant now = clock.instant();
    DeviceCommand command =
        DeviceCommand.newBuilder()
            .setId(UUID.randomUUID().toString())
            .setImei(imei)
            .setPayload(ByteBuffer.wrap(request.payload()))
            .setFlush(request.flush())
            .setRequestedAt(now)
            .setRequestedBy(ANONYMOUS)
            .build();
    DeviceCommandStatus queued = status(command, DeviceCommandState.QUEUED, null, null, now);
    return producer
        .send(statusTopic(), command.getId(), statusSerde.encode(queued))
        .then(
            producer
                .send(TopicCatalog.DEVICE_COMMANDS.name(), imei, commandSerde.encode(command))
                .onErrorResume(
                    BrokerUnavailableException.class,
                    e -> recordNotQueued(command, e).then(Mono.error(e))))
        .then(
            Mono.fromSupplier(
                () ->
                    ResponseEntity.accepted()
                        .location(
                            URI.create("/api/devices/" + imei + "/commands/" + command.getId()))
                        .<Object>body(DeviceCommandStatusView.of(queued))))
        .onErrorResume(
            BrokerUnavailableException.class,
            e ->
                Mono.just(
                    ResponseEntity.status(503)
                        .header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()))
                        .body(
                            Problems.brokerUnavailable(
                                e.getMessage() + ". The command was not queued; retry."))));
  }

  /** The device's commands, newest first. */
  @GetMapping("/api/devices/{imei}/commands")
  public Map<String, Object> list(@PathVariable String imei) {
    checkImei(imei);
    List<DeviceCommandStatusView> items =
        statuses.snapshot().stream()
            .map(Entry::value)
            .filter(s -> s.getImei().equals(imei))
            .sorted(OLDEST_FIRST.reversed())
            .map(DeviceCommandStatusView::of)
            .toList();
    return Map.of("imei", imei, "items", items);
  }

  /** One command's status, or 404. */
  @GetMapping("/api/devices/{imei}/commands/{id}")
  public ResponseEntity<Object> get(@PathVariable String imei, @PathVariable String id) {
    checkImei(imei);
    return statuses
        .get(id)
        .filter(s -> s.getImei().equals(imei))
        .<ResponseEntity<Object>>map(s -> ResponseEntity.ok(DeviceCommandStatusView.of(s)))
        .orElseGet(
            () ->
                ResponseEntity.status(404)
                    .body(Problems.notFound("No command " + id + " for device " + imei)));
  }

  /**
   * Server-sent {@code commandStatus} events: the status of each of the device's commands (oldest
   * first), then every status change. Event ids are stream positions: a client that reconnects with
   * {@code Last-Event-ID} (or {@code ?lastEventId=}) gets exactly the changes it missed. A
   * subscriber that falls behind its buffer gets {@code resync} and the stream ends.
   */
  @GetMapping(
      path = "/api/devices/{imei}/commands/stream",
      produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  public Flux<ServerSentEvent<Object>> stream(
      @PathVariable String imei,
      @RequestHeader(name = SseStreams.LAST_EVENT_ID, required = false) String lastEventIdHeader,
      @RequestParam(name = "lastEventId", required = false) String lastEventId) {
    checkImei(imei);
    LiveStream stream =
        LiveStream.of(
            properties.subscriberBuffer(),
            List.of(
                Source.withSnapshot(
                    "commands",
                    statuses,
                    Comparator.comparing(Entry::value, OLDEST_FIRST),
                    e -> e.value().getImei().equals(imei) ? statusEvents.of(e) : null)));
    return drain.drainable(
        SseStreams.withResyncAndHeartbeats(
            stream.open(SseStreams.lastEventId(lastEventIdHeader, lastEventId)),
            properties.heartbeat()));
  }

  /**
   * Marks a command whose own write failed as FAILED, so its QUEUED status does not linger. Best
   * effort: Kafka has just failed once. Should the command have been written after all, the
   * sender's statuses follow this one and correct it.
   */
  private Mono<Void> recordNotQueued(DeviceCommand command, BrokerUnavailableException cause) {
    DeviceCommandStatus failed =
        status(
            command,
            DeviceCommandState.FAILED,
            "NOT_QUEUED",
            "Kafka did not acknowledge the command: " + cause.getMessage(),
            clock.instant());
    return producer
        .send(statusTopic(), command.getId(), statusSerde.encode(failed))
        .onErrorResume(
            BrokerUnavailableException.class,
            e -> {
              log.warn(
                  "Command {} was not queued and its status stays QUEUED: {}",
                  command.getId(),
                  e.getMessage());
              return Mono.empty();
            });
  }

  private static DeviceCommandStatus status(
      DeviceCommand command,
      DeviceCommandState state,
      String errorCode,
      String errorText,
      Instant at) {
    return DeviceCommandStatus.newBuilder()
        .setCommandId(command.getId())
        .setImei(command.getImei())
        .setState(state)
        .setErrorCode(errorCode)
        .setErrorText(errorText)
        .setAttempts(0)
        .setRequestedAt(command.getRequestedAt())
        .setUpdatedAt(at)
        .build();
  }

  private static String statusTopic() {
    return TopicCatalog.DEVICE_COMMAND_STATUS.name();
  }

  private static void checkImei(String imei) {
    if (!IMEI.matcher(imei).matches()) {
      throw new InvalidRequestException(List.of(new FieldError("imei", "must be 15 digits")));
    }
  }
}
