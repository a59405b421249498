package dev.signalyard.queryapi.live;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Ends every open SSE stream cleanly when the node shuts down: each gets a final {@code shutdown}
 * event with a {@code retry:} hint and completes, so that clients reconnect (with their {@code
 * Last-Event-ID}) to another replica instead of seeing a broken connection. Runs before the web
 * server's graceful shutdown (phase {@code DEFAULT_PHASE - 1024}) and waits, up to a timeout, for
 * the streams to end; a stream opened while draining gets only the {@code shutdown} event.
 *
 * <p>Thread-safety: thread-safe; streams are wrapped from any thread.
 */
public final class StreamDrain implements SmartLifecycle {

  /** Name of the final event of a stream whose node shuts down. */
  public static final String SHUTDOWN_EVENT = "shutdown";

  private static final Logger log = LoggerFactory.getLogger(StreamDrain.class);

  private final Sinks.Empty<Void> draining = Sinks.empty();
  private final AtomicInteger open = new AtomicInteger();
  private final Duration reconnectDelay;
  private final Duration timeout;
  private volatile boolean running;
  private volatile boolean drainStarted;

  public StreamDrain(Duration reconnectDelay, Duration timeout) {
    this.reconnectDelay = reconnectDelay;
    this.timeout = timeout;
  }

  /** {@code events} until the node shuts down, then the {@code shutdown} event. */
  public Flux<ServerSentEvent<Object>> drainable(Flux<ServerSentEvent<Object>> events) {
    ServerSentEvent<Object> shutdown =
        ServerSentEvent.builder()
            .event(SHUTDOWN_EVENT)
            .retry(reconnectDelay)
            .data((Object) "This node is shutting down; reconnect")
            .build();
    Flux<ServerSentEvent<Object>> drained = Flux.just(shutdown);
    return Flux.defer(
        () -> {
          open.incrementAndGet();
          return events
              .takeUntilOther(draining.asMono())
              .concatWith(Flux.defer(() -> drainStarted ? drained : Flux.empty()))
              .doFinally(signal -> open.decrementAndGet());
        });
  }

  /** Streams open now, for metrics and tests. */
  public int openStreams() {
    return open.get();
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    drain();
  }

  @Override
  public void stop(Runnable callback) {
    Thread waiter =
        new Thread(
            () -> {
              try {
                drain();
              } finally {
                running = false;
                callback.run();
              }
            },
            "stream-drain");
    waiter.setDaemon(true);
    waiter.start();
  }

  private void drain() {
    drainStarted = true;
    draining.tryEmitEmpty();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (open.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (open.get() > 0) {
      log.warn("{} streams still open after {}; stopping anyway", open.get(), timeout);
    } else {
      log.info("All streams drained");
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Before the web server's graceful shutdown ({@code DEFAULT_PHASE - 1024}). */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 512;
  }
}
