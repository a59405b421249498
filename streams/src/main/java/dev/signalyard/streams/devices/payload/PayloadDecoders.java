package dev.signalyard.streams.devices.payload;

import java.util.List;

/**
 * The ordered list of {@link PayloadDecoder}s: the first that supports a payload decodes it. The
 * raw passthrough supports everything, so every payload gets a decoder.
 *
 * <p>Thread-safety: immutable; the decoders are stateless.
 */
public final class PayloadDecoders {

  private final List<PayloadDecoder> decoders;

  public PayloadDecoders(List<PayloadDecoder> decoders) {
    if (decoders.isEmpty() || !(decoders.get(decoders.size() - 1) instanceof RawPayloadDecoder)) {
      throw new IllegalArgumentException("the raw passthrough must be the last decoder");
    }
    this.decoders = List.copyOf(decoders);
  }

  /** Paikea PK001 and PK004, then printable text, then raw bytes. */
  public static PayloadDecoders defaults() {
    return new PayloadDecoders(
        List.of(
            new PaikeaPk001Decoder(),
            new PaikeaPk004Decoder(),
            new TextPayloadDecoder(),
            new RawPayloadDecoder()));
  }

  /**
   * Decodes with the first decoder that supports the payload.
   *
   * @throws UndecodablePayloadException when that decoder finds the payload malformed
   */
  public DecodedPayload decode(Payload payload) {
    for (PayloadDecoder decoder : decoders) {
      if (decoder.supports(payload)) {
        return decoder.decode(payload);
      }
    }
    throw new IllegalStateException("the raw passthrough supports every payload");
  }
}
