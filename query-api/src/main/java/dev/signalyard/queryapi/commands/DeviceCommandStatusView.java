package dev.signalyard.queryapi.commands;

import dev.signalyard.schemas.commands.DeviceCommandStatus;
import java.time.Instant;

/**
 * The JSON shape of a command's status, as served by the command endpoints and the {@code
 * commandStatus} stream events.
 *
 * <p>Thread-safety: immutable.
 */
public record DeviceCommandStatusView(
    String id,
    String imei,
    String state,
    String mtId,
    String errorCode,
    String errorText,
    int attempts,
    Instant requestedAt,
    Instant updatedAt) {

  public static DeviceCommandStatusView of(DeviceCommandStatus s) {
    return new DeviceCommandStatusView(
        s.getCommandId(),
        s.getImei(),
        s.getState().name(),
        s.getMtId(),
        s.getErrorCode(),
        s.getErrorText(),
        s.getAttempts(),
        s.getRequestedAt(),
        s.getUpdatedAt());
  }
}
