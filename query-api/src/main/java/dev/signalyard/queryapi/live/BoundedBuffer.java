package dev.signalyard.queryapi.live;

import java.util.AbstractQueue;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.util.concurrent.Queues;

/**
 * A subscriber's buffer of changes: at most {@code capacity} of them ({@link #offer} refuses more,
 * which is how a {@link TopicView} notices a subscriber that fell behind), in memory that grows in
 * small chunks with what is held. An idle subscriber costs one chunk; a full one about a reference
 * per change, so the worst case over all subscribers stays that of a preallocated array while the
 * usual case is a small fraction of it.
 *
 * <p>Thread-safety: one producer and one consumer at a time (single-producer single-consumer), as a
 * unicast sink uses it.
 *
 * @param <T> the element type
 */
final class BoundedBuffer<T> extends AbstractQueue<T> {

  private static final int CHUNK = 16;

  private final Queue<T> queue = Queues.<T>unbounded(CHUNK).get();
  private final AtomicInteger size = new AtomicInteger();
  private final int capacity;
  private volatile boolean abandoned;

  BoundedBuffer(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.capacity = capacity;
  }

  @Override
  public boolean offer(T element) {
    if (abandoned || size.get() >= capacity) {
      return false;
    }
    queue.offer(element);
    size.incrementAndGet();
    return true;
  }

  /**
   * Drops what the buffer holds and everything offered later: from now on it is empty to its
   * consumer, who learns at once that its producer is done (the error or completion that follows).
   * Called by the producer; the consumer drops the held elements on its next poll.
   */
  void abandon() {
    abandoned = true;
  }

  @Override
  public T poll() {
    if (abandoned) {
      while (queue.poll() != null) {
        size.decrementAndGet();
      }
      return null;
    }
    T element = queue.poll();
    if (element != null) {
      size.decrementAndGet();
    }
    return element;
  }

  @Override
  public T peek() {
    return abandoned ? null : queue.peek();
  }

  @Override
  public int size() {
    return abandoned ? 0 : size.get();
  }

  @Override
  public void clear() {
    while (poll() != null) {
      // drop
    }
  }

  @Override
  public Iterator<T> iterator() {
    throw new UnsupportedOperationException("a buffer of changes is only polled");
  }
}
