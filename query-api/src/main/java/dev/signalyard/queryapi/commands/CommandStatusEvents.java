package dev.signalyard.queryapi.commands;

import dev.signalyard.queryapi.live.TopicView.Entry;
import dev.signalyard.schemas.commands.DeviceCommandStatus;
import org.springframework.http.codec.ServerSentEvent;

/**
 * Server-sent events of command statuses: {@code event: commandStatus}, the status as {@link
 * DeviceCommandStatusView}, id {@code commands:<partition>-<offset>} of device-command-status. For
 * any stream that carries command statuses, so they look the same everywhere.
 *
 * <p>Thread-safety: stateless.
 */
public final class CommandStatusEvents {

  public static final String EVENT = "commandStatus";

  private CommandStatusEvents() {}

  public static ServerSentEvent<Object> of(Entry<DeviceCommandStatus> entry) {
    return ServerSentEvent.builder()
        .id("commands:" + entry.partition() + "-" + entry.offset())
        .event(EVENT)
        .data((Object) DeviceCommandStatusView.of(entry.value()))
        .build();
  }
}
