package dev.signalyard.queryapi.devices;

import dev.signalyard.platform.web.Problems;
import dev.signalyard.queryapi.QueryApiProperties;
import dev.signalyard.queryapi.live.SubscriberOverflowException;
import dev.signalyard.queryapi.live.TopicView;
import dev.signalyard.queryapi.live.TopicView.Entry;
import dev.signalyard.schemas.devices.DeviceReport;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Devices' newest reports: {@code GET /api/devices}, {@code GET /api/devices/{imei}} and the live
 * stream {@code GET /api/devices/stream} (server-sent events: the snapshot first, then every
 * change; event ids are {@code <partition>-<offset>} of the device-latest topic).
 */
@RestController
public class DeviceController {

  static final String DEVICE_EVENT = "device";
  static final String RESYNC_EVENT = "resync";

  private final TopicView<DeviceReport> devices;
  private final QueryApiProperties properties;

  DeviceController(TopicView<DeviceReport> devices, QueryApiProperties properties) {
    this.devices = devices;
    this.properties = properties;
  }

  @GetMapping("/api/devices")
  public List<DeviceView> list() {
    return devices.snapshot().stream()
        .map(e -> DeviceView.of(e.value()))
        .sorted(Comparator.comparing(DeviceView::imei))
        .toList();
  }

  @GetMapping("/api/devices/{imei}")
  public ResponseEntity<?> get(@PathVariable String imei) {
    return devices
        .get(imei)
        .<ResponseEntity<?>>map(report -> ResponseEntity.ok(DeviceView.of(report)))
        .orElseGet(
            () ->
                ResponseEntity.status(404)
                    .body(Problems.notFound("No report has been received from device " + imei)));
  }

  @GetMapping(path = "/api/devices/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  public Flux<ServerSentEvent<Object>> stream() {
    TopicView.Subscription<DeviceReport> subscription =
        devices.subscribe(properties.subscriberBuffer());
    Flux<ServerSentEvent<Object>> events =
        Flux.fromIterable(subscription.snapshot())
            .concatWith(subscription.changes())
            .filter(entry -> entry.value() != null)
            .map(DeviceController::event)
            .onErrorResume(
                SubscriberOverflowException.class,
                e ->
                    Flux.just(
                        ServerSentEvent.builder()
                            .event(RESYNC_EVENT)
                            .data((Object) e.getMessage())
                            .build()));
    // Heartbeats stop when the events end (a resync), so that the response completes.
    Sinks.Empty<Void> eventsEnded = Sinks.empty();
    Flux<ServerSentEvent<Object>> heartbeats =
        Flux.interval(properties.heartbeat())
            .map(tick -> ServerSentEvent.builder().comment("heartbeat").build())
            .takeUntilOther(eventsEnded.asMono());
    return Flux.merge(events.doOnTerminate(eventsEnded::tryEmitEmpty), heartbeats);
  }

  private static ServerSentEvent<Object> event(Entry<DeviceReport> entry) {
    return ServerSentEvent.builder()
        .id(entry.partition() + "-" + entry.offset())
        .event(DEVICE_EVENT)
        .data((Object) DeviceView.of(entry.value()))
        .build();
  }
}
