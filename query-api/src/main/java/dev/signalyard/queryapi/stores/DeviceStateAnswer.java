package dev.signalyard.queryapi.stores;

import dev.signalyard.schemas.devices.DeviceState;
import java.util.Optional;

/**
 * A key lookup's answer from the partitioned store: the device's state (empty when the owner of its
 * partition has none) and who answered, as {@code <path> <host:port>} with path {@code local} (this
 * replica owns the key), {@code forwarded} (the owner did) or {@code standby} (a standby copy did,
 * the owner being unreachable).
 *
 * <p>Thread-safety: immutable.
 */
public record DeviceStateAnswer(Optional<DeviceState> state, String servedBy) {}
