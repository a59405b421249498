package dev.signalyard.ingest.web;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Reads the raw body of a signed webhook request, up to a size limit, and authenticates it with
 * {@link HmacSignatures} before anything looks at its content, so an unauthenticated sender learns
 * nothing about validation. A body over the limit (by {@code Content-Length} or as read) is refused
 * with {@link PayloadTooLargeException}; a missing body is read as empty.
 *
 * <p>Thread-safe: immutable.
 */
public final class SignedBodies {

  private final HmacSignatures signatures;
  private final long maxBodyBytes;
  private final String maxBodySizeProperty;

  /**
   * @param signatures authenticates the bodies read
   * @param maxBodyBytes largest body accepted, in bytes
   * @param maxBodySizeProperty the configuration property setting the limit, named in refusals
   */
  public SignedBodies(HmacSignatures signatures, long maxBodyBytes, String maxBodySizeProperty) {
    this.signatures = signatures;
    this.maxBodyBytes = maxBodyBytes;
    this.maxBodySizeProperty = maxBodySizeProperty;
  }

  /** The body of the request and the source it verified for, or why it is refused. */
  public Mono<SignedBody> read(ServerWebExchange exchange) {
    ServerHttpRequest request = exchange.getRequest();
    HttpHeaders headers = request.getHeaders();
    if (headers.getContentLength() > maxBodyBytes) {
      return Mono.error(tooLarge());
    }
    return DataBufferUtils.join(request.getBody(), (int) Math.min(maxBodyBytes, Integer.MAX_VALUE))
        .map(SignedBodies::bytes)
        .defaultIfEmpty(new byte[0])
        .onErrorMap(DataBufferLimitException.class, e -> tooLarge())
        .map(
            bytes ->
                new SignedBody(
                    signatures.authenticate(
                        headers.getFirst(HmacSignatures.SOURCE_HEADER),
                        headers.getFirst(HmacSignatures.SIGNATURE_HEADER),
                        bytes),
                    bytes));
  }

  private PayloadTooLargeException tooLarge() {
    return new PayloadTooLargeException(
        "The body exceeds "
            + maxBodyBytes
            + " bytes ("
            + maxBodySizeProperty
            + "); send smaller batches."
            + " Nothing was accepted.");
  }

  private static byte[] bytes(DataBuffer buffer) {
    try {
      byte[] bytes = new byte[buffer.readableByteCount()];
      buffer.read(bytes);
      return bytes;
    } finally {
      DataBufferUtils.release(buffer);
    }
  }

  /**
   * A request body whose signature verified, and the source it verified for.
   *
   * @param source the authenticated source
   * @param bytes the raw body
   */
  public record SignedBody(String source, byte[] bytes) {}
}
