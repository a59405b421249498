package dev.signalyard.queryapi.live;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * What one streaming response has handed to the web server and that is not yet written to its
 * connection, held at {@code limit} bytes: the next event is taken from the stream only when less
 * than that is pending (so at most the limit plus one event). Events the window does not take yet
 * wait upstream, in the subscriber's bounded buffer of shared changes, which overflows into {@code
 * resync}: a stream whose connection cannot keep up costs a bounded amount of memory, whichever
 * protocol it uses and wherever the connection falls behind (the event loop, HTTP/2 flow control,
 * the socket).
 *
 * <p>{@link #limit} counts an event's bytes as it lets the event through; {@link #written} (called
 * by {@link WriteCompletions} when the web server reports the write done, or failed) takes them
 * off.
 *
 * <p>Thread-safety: thread-safe; events are handed on from any thread and writes complete on the
 * connection's event loop. At most one event waits for room at a time (the stream is serial).
 */
final class WriteWindow {

  private final long limit;
  private final AtomicLong pending = new AtomicLong();
  private final AtomicReference<MonoSink<Void>> waiting = new AtomicReference<>();

  WriteWindow(long limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("a write window must allow at least one byte");
    }
    this.limit = limit;
  }

  /** {@code groups} (one per event, each flushed) let through as the window has room. */
  Flux<Publisher<DataBuffer>> limit(Publisher<? extends Publisher<? extends DataBuffer>> groups) {
    // A few events are taken ahead (encoded, each a few hundred bytes), so that the subscriber's
    // worker hands them over in small batches rather than one wake-up per event. An event's bytes
    // count from the moment it is let through, wherever it then waits on its way to the connection
    // (Reactor Netty queues many ahead).
    return Flux.from(groups)
        .concatMap(
            group ->
                Flux.<DataBuffer>from(group)
                    .collectList()
                    .delayUntil(buffers -> room())
                    .map(this::handOn)
                    .doOnDiscard(List.class, WriteWindow::release),
            SseStreams.QUEUED_EVENTS);
  }

  /** Bytes handed on and not yet written. */
  long pending() {
    return pending.get();
  }

  /** Whether an event waits for room now. */
  boolean waiting() {
    return waiting.get() != null;
  }

  /** {@code bytes} handed on earlier have been written (or their write failed). */
  void written(long bytes) {
    if (pending.addAndGet(-bytes) < limit) {
      wake();
    }
  }

  private Publisher<DataBuffer> handOn(List<DataBuffer> buffers) {
    long bytes = 0;
    for (DataBuffer buffer : buffers) {
      bytes += buffer.readableByteCount();
    }
    pending.addAndGet(bytes);
    return Flux.fromIterable(buffers);
  }

  private static void release(List<?> buffers) {
    for (Object buffer : buffers) {
      if (buffer instanceof DataBuffer dataBuffer) {
        DataBufferUtils.release(dataBuffer);
      }
    }
  }

  private Mono<Void> room() {
    if (pending.get() < limit) {
      return Mono.empty();
    }
    return Mono.create(
        sink -> {
          waiting.set(sink);
          sink.onCancel(() -> waiting.compareAndSet(sink, null));
          // A write that completed before the sink was published found no one to wake.
          if (pending.get() < limit) {
            wake();
          }
        });
  }

  private void wake() {
    MonoSink<Void> sink = waiting.getAndSet(null);
    if (sink != null) {
      sink.success();
    }
  }
}
