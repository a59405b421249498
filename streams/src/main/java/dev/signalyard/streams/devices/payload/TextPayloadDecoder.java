package dev.signalyard.streams.devices.payload;

/**
 * Printable ASCII that no specific decoder claimed: kept as text (type {@code TEXT}).
 *
 * <p>Thread-safety: stateless.
 */
public final class TextPayloadDecoder implements PayloadDecoder {

  @Override
  public boolean supports(Payload payload) {
    return payload.isPrintable();
  }

  @Override
  public DecodedPayload decode(Payload payload) {
    return DecodedPayload.opaque("TEXT");
  }
}
