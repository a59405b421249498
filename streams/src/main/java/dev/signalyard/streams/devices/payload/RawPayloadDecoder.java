package dev.signalyard.streams.devices.payload;

/**
 * The fallback for any payload: kept as hex only (type {@code RAW}, or {@code EMPTY} without
 * bytes).
 *
 * <p>Thread-safety: stateless.
 */
public final class RawPayloadDecoder implements PayloadDecoder {

  @Override
  public boolean supports(Payload payload) {
    return true;
  }

  @Override
  public DecodedPayload decode(Payload payload) {
    return DecodedPayload.opaque(payload.bytes().length == 0 ? "EMPTY" : "RAW");
  }
}
