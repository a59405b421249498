package dev.signalyard.streams.devices.payload;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A device payload with what a decoder may need beside the bytes: the device type the sender named
 * and the Iridium transmit time (payloads carry GPS times of day, not dates).
 *
 * <p>Thread-safety: immutable as long as nobody writes to {@link #bytes()}.
 *
 * @param deviceType device type as sent (e.g. ROCKBLOCK), or null
 * @param bytes the payload, hex-decoded
 * @param transmitTime when the modem transmitted it (UTC)
 */
public record Payload(String deviceType, byte[] bytes, Instant transmitTime) {

  /** Whether the payload is non-empty printable ASCII (tabs and line ends allowed). */
  public boolean isPrintable() {
    if (bytes.length == 0) {
      return false;
    }
    for (byte b : bytes) {
      if ((b < 0x20 || b > 0x7e) && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  /** The payload as text when {@link #isPrintable()}, else null. */
  public String text() {
    return isPrintable() ? new String(bytes, StandardCharsets.US_ASCII) : null;
  }

  /** Whether the payload is printable text starting with {@code prefix}. */
  public boolean startsWith(String prefix) {
    String text = text();
    return text != null && text.startsWith(prefix);
  }
}
