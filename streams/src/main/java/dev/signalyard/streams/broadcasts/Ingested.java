package dev.signalyard.streams.broadcasts;

import dev.signalyard.schemas.broadcasts.Broadcast;
import dev.signalyard.schemas.common.DeadLetter;

/**
 * A record of {@code broadcasts} after decoding: the broadcast, or the dead letter saying why it is
 * unreadable. Exactly one is set. Immutable.
 */
record Ingested(Broadcast broadcast, DeadLetter deadLetter) {}
