package dev.signalyard.queryapi.live;

import io.netty.channel.EventLoop;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

/**
 * Puts the request's connection event loop, as a {@link Scheduler}, into the Reactor context under
 * {@link LiveStream#SCHEDULER}: a stream's changes are then handled on the thread that writes its
 * connection. When that loop is busy, changes wait in the subscriber's bounded buffer (and a
 * subscriber that falls too far behind gets {@code resync}); handled on other threads, each write
 * would instead become a task queued on the loop, without bound.
 *
 * <p>Thread-safety: thread-safe; one scheduler per event loop, made once.
 */
final class EventLoopScheduling implements WebFilter, Ordered {

  private final Map<EventLoop, Scheduler> schedulers = new ConcurrentHashMap<>();

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
    if (!(nativeRequest instanceof Connection connection)) {
      return chain.filter(exchange);
    }
    Scheduler scheduler =
        schedulers.computeIfAbsent(
            connection.channel().eventLoop(), loop -> Schedulers.fromExecutor(loop));
    return chain
        .filter(exchange)
        .contextWrite(context -> context.put(LiveStream.SCHEDULER, scheduler));
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
