package dev.signalyard.queryapi.live;

import java.time.Duration;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * What every SSE stream of the API adds to its events: a {@code resync} event in place of a {@link
 * SubscriberOverflowException} (the client fell behind its buffer and must reconnect for a fresh
 * snapshot), and heartbeat comments that keep idle connections open through proxies. Stateless and
 * thread-safe.
 */
public final class SseStreams {

  /** Name of the event that tells a client to reconnect for a fresh snapshot. */
  public static final String RESYNC_EVENT = "resync";

  private SseStreams() {}

  /** {@code events} with resync on overflow and a heartbeat comment every {@code heartbeat}. */
  public static Flux<ServerSentEvent<Object>> withResyncAndHeartbeats(
      Flux<ServerSentEvent<Object>> events, Duration heartbeat) {
    Flux<ServerSentEvent<Object>> all =
        events.onErrorResume(
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
        Flux.interval(heartbeat)
            .map(tick -> ServerSentEvent.builder().comment("heartbeat").build())
            .takeUntilOther(eventsEnded.asMono());
    return Flux.merge(all.doOnTerminate(eventsEnded::tryEmitEmpty), heartbeats);
  }
}
