package dev.signalyard.streams.devices;

import dev.signalyard.schemas.common.DeadLetter;

/**
 * A raw record after a processing step: the value it became and the original bytes (kept for a dead
 * letter further down), or the dead letter explaining why there is no value.
 *
 * <p>Thread-safety: immutable by convention (nobody writes to {@code original}).
 *
 * @param value the parsed value, or null
 * @param original the record value as read from the raw topic
 * @param deadLetter why there is no value, or null
 * @param <T> the parsed type
 */
record Parsed<T>(T value, byte[] original, DeadLetter deadLetter) {}
