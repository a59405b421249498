package dev.signalyard.queryapi.stores;

import dev.signalyard.queryapi.ratelimit.RateLimitExemption;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The token replicas present to each other's internal endpoints ({@link
 * StoreProperties#internalToken()}), compared in constant time. A call that carries it is also
 * exempt from the rate limit: the client request that caused it already took its token on the
 * replica it reached. Without a token configured, internal calls carry the client's bearer token
 * and count against the client's bucket like any request.
 *
 * <p>Thread-safety: immutable.
 */
final class InternalToken implements RateLimitExemption {

  private final byte[] token;

  InternalToken(StoreProperties properties) {
    this.token =
        properties.hasInternalToken()
            ? properties.internalToken().getBytes(StandardCharsets.UTF_8)
            : null;
  }

  /** Whether a call presenting {@code presented} may use the internal endpoints. */
  boolean authorizes(String presented) {
    return token == null || matches(presented);
  }

  @Override
  public boolean exempt(ServerHttpRequest request) {
    return token != null
        && request.getPath().value().startsWith(InternalStoreController.PATH)
        && matches(request.getHeaders().getFirst(InternalStoreController.TOKEN_HEADER));
  }

  private boolean matches(String presented) {
    return presented != null
        && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
  }
}
