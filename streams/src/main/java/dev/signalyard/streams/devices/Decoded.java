package dev.signalyard.streams.devices;

import dev.signalyard.schemas.common.DeadLetter;
import dev.signalyard.schemas.devices.DeviceReport;

/**
 * The outcome of decoding one raw report: a report, a dead letter, or both (an undecodable payload
 * still yields a report at the Iridium position).
 *
 * <p>Thread-safety: immutable by convention; passed between processors of one stream thread.
 *
 * @param report the decoded report, or null
 * @param deadLetter why (part of) the record could not be decoded, or null
 */
record Decoded(DeviceReport report, DeadLetter deadLetter) {}
