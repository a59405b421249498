package dev.signalyard.queryapi.live;

import io.netty.channel.Channel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.reactivestreams.Publisher;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/**
 * Holds every streaming response (server-sent events: each event written and flushed on its own) to
 * {@code pendingWriteLimit} bytes handed to the web server and not yet written to its connection
 * ({@link WriteWindow}, told of completed writes by {@link WriteCompletions}). Without it, Reactor
 * Netty takes up to 128 writes per response ahead of the connection: over HTTP/2, where a stream's
 * channel stays writable while the shared connection falls behind, 20,000 streams queued about 50
 * KiB each and filled the heap. With it, a stream whose connection cannot keep up takes no more
 * changes; they wait in its subscriber buffer, which overflows into {@code resync}.
 *
 * <p>Other responses, and servers other than Reactor Netty, pass untouched.
 *
 * <p>Thread-safety: thread-safe; the open windows are a concurrent set, read for metrics.
 */
public final class StreamWriteLimitWebFilter implements WebFilter, Ordered {

  private final long pendingWriteLimit;
  private final Set<WriteWindow> open = ConcurrentHashMap.newKeySet();

  public StreamWriteLimitWebFilter(long pendingWriteLimit) {
    this.pendingWriteLimit = pendingWriteLimit;
  }

  /** Early, so that whatever writes the response writes through the limit. */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    return chain.filter(exchange.mutate().response(new Limited(exchange.getResponse())).build());
  }

  /** Bytes of all open streams handed to the web server and not yet written, for metrics. */
  public long pendingBytes() {
    return open.stream().mapToLong(WriteWindow::pending).sum();
  }

  /** Open streams whose next event waits for their connection, for metrics. */
  public long waitingStreams() {
    return open.stream().filter(WriteWindow::waiting).count();
  }

  private final class Limited extends ServerHttpResponseDecorator {

    Limited(ServerHttpResponse delegate) {
      super(delegate);
    }

    @Override
    public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
      WriteCompletions completions = completionsOf(getDelegate());
      if (completions == null) {
        return super.writeAndFlushWith(body);
      }
      return Mono.defer(
          () -> {
            WriteWindow window = new WriteWindow(pendingWriteLimit);
            completions.use(window);
            open.add(window);
            return super.writeAndFlushWith(window.limit(body))
                .doFinally(signal -> open.remove(window));
          });
    }
  }

  private static WriteCompletions completionsOf(ServerHttpResponse response) {
    Object nativeResponse;
    try {
      nativeResponse = ServerHttpResponseDecorator.getNativeResponse(response);
    } catch (IllegalArgumentException notReactorNetty) {
      return null;
    }
    if (!(nativeResponse instanceof Connection connection)) {
      return null;
    }
    Channel channel = connection.channel();
    return WriteCompletions.of(channel.pipeline());
  }
}
