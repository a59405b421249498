package dev.signalyard.queryapi.ratelimit;

import dev.signalyard.platform.web.Problems;
import dev.signalyard.queryapi.QueryApiProperties;
import dev.signalyard.queryapi.security.AccessProblems;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses request bodies over the configured size with 413 and a {@code payload-too-large} problem.
 * Upload endpoints (paths under {@link QueryApiProperties#UPLOAD_PATH_PREFIX}) have a larger limit
 * of their own. A declared {@code Content-Length} over the limit is refused before anything is
 * read; a body sent without one (chunked) is counted as it streams in and fails once it passes the
 * limit.
 *
 * <p>Runs before Spring Security, so an oversized body is refused without reading it even for a
 * request that would also be refused for its credentials.
 *
 * <p>Thread-safety: stateless; the per-request byte count lives in the request's own decorator.
 */
final class BodySizeWebFilter implements WebFilter, Ordered {

  /** Before Spring Security's filter chain (order -100). */
  static final int ORDER = -200;

  private final DataSize bodyLimit;
  private final DataSize uploadLimit;
  private final AccessProblems problems;

  BodySizeWebFilter(DataSize bodyLimit, DataSize uploadLimit, AccessProblems problems) {
    this.bodyLimit = bodyLimit;
    this.uploadLimit = uploadLimit;
    this.problems = problems;
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    long limit =
        exchange
                .getRequest()
                .getPath()
                .pathWithinApplication()
                .value()
                .startsWith(QueryApiProperties.UPLOAD_PATH_PREFIX)
            ? uploadLimit.toBytes()
            : bodyLimit.toBytes();
    long declared = exchange.getRequest().getHeaders().getContentLength();
    if (declared > limit) {
      return problems.write(exchange, Problems.payloadTooLarge(detail(limit)));
    }
    if (declared >= 0) {
      return chain.filter(exchange);
    }
    return chain.filter(
        exchange.mutate().request(new Counting(exchange.getRequest(), limit)).build());
  }

  private static String detail(long limit) {
    return "The request body exceeds the limit of " + limit + " bytes. Nothing was accepted.";
  }

  /** A request whose body fails with 413 once more than the limit has arrived. */
  private static final class Counting extends ServerHttpRequestDecorator {

    private final long limit;

    Counting(ServerHttpRequest delegate, long limit) {
      super(delegate);
      this.limit = limit;
    }

    @Override
    public Flux<DataBuffer> getBody() {
      long[] seen = {0};
      return super.getBody()
          .handle(
              (buffer, sink) -> {
                seen[0] += buffer.readableByteCount();
                if (seen[0] > limit) {
                  DataBufferUtils.release(buffer);
                  sink.error(tooLarge());
                } else {
                  sink.next(buffer);
                }
              });
    }

    private ResponseStatusException tooLarge() {
      ResponseStatusException e =
          new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, detail(limit));
      e.getBody().setType(Problems.PAYLOAD_TOO_LARGE);
      e.getBody().setTitle("Payload too large");
      e.getBody().setDetail(detail(limit));
      return e;
    }
  }
}
