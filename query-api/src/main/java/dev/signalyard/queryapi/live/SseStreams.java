package dev.signalyard.queryapi.live;

import java.time.Duration;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * What every SSE stream of the API adds to its events: a {@code resync} event in place of a {@link
 * SubscriberOverflowException} (the client fell behind its buffer and must reconnect for a fresh
 * snapshot), and heartbeat comments that keep idle connections open through proxies. The {@code
 * resync} event has an empty id, which clears a browser's last event id: its automatic reconnection
 * then asks for a fresh snapshot rather than a resume. Stateless and thread-safe.
 */
public final class SseStreams {

  /** Name of the event that tells a client to reconnect for a fresh snapshot. */
  public static final String RESYNC_EVENT = "resync";

  /** The header a reconnecting SSE client sends with the id of the last event it received. */
  public static final String LAST_EVENT_ID = "Last-Event-ID";

  /**
   * Events an operator of a stream's pipeline may hold ahead of the write (merge queues and the
   * like): few, so that a stream that cannot keep up holds its backlog in its subscriber buffer,
   * which is bounded and ends in {@code resync}, and not in per-stream queues beside it (each event
   * there carries its own id and encoding; 20,000 streams multiply every slot).
   */
  static final int QUEUED_EVENTS = 4;

  private SseStreams() {}

  /**
   * The id of the last event a reconnecting client received: the {@code Last-Event-ID} header that
   * browsers send, else the {@code lastEventId} query parameter for clients that cannot set
   * headers; null for a new client.
   */
  public static String lastEventId(String header, String queryParameter) {
    return header != null && !header.isBlank() ? header : queryParameter;
  }

  /** {@code events} with resync on overflow and a heartbeat comment every {@code heartbeat}. */
  public static Flux<ServerSentEvent<Object>> withResyncAndHeartbeats(
      Flux<ServerSentEvent<Object>> events, Duration heartbeat) {
    Flux<ServerSentEvent<Object>> all =
        events.onErrorResume(
            SubscriberOverflowException.class,
            e ->
                Flux.just(
                    ServerSentEvent.builder()
                        .id("")
                        .event(RESYNC_EVENT)
                        .data((Object) e.getMessage())
                        .build()));
    // Heartbeats stop when the events end (a resync), so that the response completes.
    Sinks.Empty<Void> eventsEnded = Sinks.empty();
    Flux<ServerSentEvent<Object>> heartbeats =
        Flux.interval(heartbeat)
            // A stream that cannot take a heartbeat now needs none: its events are waiting.
            .onBackpressureDrop()
            .map(tick -> ServerSentEvent.builder().comment("heartbeat").build())
            .takeUntilOther(eventsEnded.asMono());
    return Flux.merge(QUEUED_EVENTS, all.doOnTerminate(eventsEnded::tryEmitEmpty), heartbeats);
  }
}
