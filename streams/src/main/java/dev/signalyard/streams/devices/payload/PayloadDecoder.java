package dev.signalyard.streams.devices.payload;

/**
 * Reads one payload format. Decoders are tried in the order of {@link PayloadDecoders}; the first
 * whose {@link #supports} answers true decodes the payload, so a decoder claims a payload by device
 * type and prefix and must not claim what it cannot be responsible for.
 *
 * <p>To add a format: implement this interface (stateless), put it into {@link
 * PayloadDecoders#defaults()} before the text and raw fallbacks, and add payloads of it to the
 * decoder corpus under {@code src/test/resources/payloads/}.
 *
 * <p>Thread-safety: implementations must be stateless and thread-safe; one instance serves every
 * stream thread.
 */
public interface PayloadDecoder {

  /** Whether this decoder is responsible for the payload (by device type and prefix). */
  boolean supports(Payload payload);

  /**
   * Decodes a payload that {@link #supports} accepted.
   *
   * @throws UndecodablePayloadException when the payload is of this format but malformed
   */
  DecodedPayload decode(Payload payload);
}
