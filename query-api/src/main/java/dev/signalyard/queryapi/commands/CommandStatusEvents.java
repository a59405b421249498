package dev.signalyard.queryapi.commands;

import dev.signalyard.queryapi.live.TopicView.Entry;
import dev.signalyard.schemas.commands.DeviceCommandStatus;
import org.springframework.http.codec.ServerSentEvent;

/**
 * Server-sent events of command statuses: {@code event: commandStatus}, the status as {@link
 * DeviceCommandStatusView}; the id is left to the stream ({@link
 * dev.signalyard.queryapi.live.LiveStream} sets its position). For any stream that carries command
 * statuses, so they look the same everywhere.
 *
 * <p>Thread-safety: stateless.
 */
public final class CommandStatusEvents {

  public static final String EVENT = "commandStatus";

  private CommandStatusEvents() {}

  public static ServerSentEvent<Object> of(Entry<DeviceCommandStatus> entry) {
    return ServerSentEvent.builder()
        .event(EVENT)
        .data((Object) DeviceCommandStatusView.of(entry.value()))
        .build();
  }
}
