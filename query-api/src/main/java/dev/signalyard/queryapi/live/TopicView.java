package dev.signalyard.queryapi.live;

import dev.signalyard.platform.kafka.SignalyardKafkaProperties;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The newest value per key of one compacted output topic, kept up to date by ONE consumer per node,
 * and a feed of every change for any number of subscribers (fan-out in process, never a consumer
 * per subscriber).
 *
 * <p>{@link #subscribe(int)} returns a snapshot and the live changes that follow it, taken
 * atomically, so a subscriber sees every change exactly once. Each subscriber has its own bounded
 * buffer, which takes memory only for the changes it holds: one that falls further behind than that
 * gets a {@link SubscriberOverflowException} instead of growing memory, at once (the changes it
 * held are dropped: it needs a fresh snapshot anyway). Changes reach subscribers on Reactor's
 * parallel workers, not on the poll thread. Each entry carries its partition and offset, from which
 * SSE event ids are made.
 *
 * <p>The view keeps its newest changes in a bounded replay log ({@link #DEFAULT_REPLAY_CAPACITY}
 * entries unless {@link #setReplayCapacity} says otherwise), so that {@link #resume} can hand a
 * reconnecting subscriber exactly the changes after the position it had seen: no snapshot, no gap,
 * no repeat. A position is the next offset per partition ({@link Subscription#position()}); one
 * older than the log answers empty and the caller falls back to a snapshot.
 *
 * <p>A view either starts at the beginning of the topic ({@link Start#EARLIEST}, for compacted
 * topics: the snapshot is then complete) or at its end ({@link Start#LATEST}, for event topics
 * whose history is not wanted: the snapshot then holds what arrived since start-up). {@link
 * #addListener} lets another in-memory structure (e.g. a bounded history) see every record.
 *
 * <p>Thread-safety: one poll thread writes; readers may call any method from any thread.
 *
 * @param <V> the decoded value type
 */
public final class TopicView<V> implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TopicView.class);

  /**
   * One value and where it was read. Every subscriber of a view gets the same entry object, so an
   * entry also carries what is derived from it once for all of them ({@link #memo}): for example
   * its encoded server-sent event, which is then made once per change, not once per subscriber.
   * Equality is that of key, value, partition and offset.
   *
   * <p>Thread-safety: immutable apart from the memo, which is safe to use from any thread.
   */
  public static final class Entry<V> {
    private static final Object[] NOTHING = new Object[0];

    private final String key;
    private final V value;
    private final int partition;
    private final long offset;
    // Pairs of memo key and value, replaced whole (copy on write): few keys, read far more often.
    private volatile Object[] memo = NOTHING;

    public Entry(String key, V value, int partition, long offset) {
      this.key = key;
      this.value = value;
      this.partition = partition;
      this.offset = offset;
    }

    public String key() {
      return key;
    }

    /** The decoded value; null for a tombstone. */
    public V value() {
      return value;
    }

    public int partition() {
      return partition;
    }

    public long offset() {
      return offset;
    }

    /**
     * What {@code compute} derives from this entry, computed at most once per {@code memoKey} in
     * the common case (two threads asking at the same moment may both compute; one result is kept).
     * {@code compute} must not return null and should depend on the entry alone.
     */
    public <T> T memo(Object memoKey, Supplier<T> compute) {
      Object[] pairs = memo;
      for (int i = 0; i < pairs.length; i += 2) {
        if (pairs[i] == memoKey) {
          @SuppressWarnings("unchecked")
          T known = (T) pairs[i + 1];
          return known;
        }
      }
      T computed = Objects.requireNonNull(compute.get(), "memo value");
      synchronized (this) {
        Object[] now = memo;
        for (int i = 0; i < now.length; i += 2) {
          if (now[i] == memoKey) {
            @SuppressWarnings("unchecked")
            T known = (T) now[i + 1];
            return known;
          }
        }
        Object[] more = Arrays.copyOf(now, now.length + 2);
        more[now.length] = memoKey;
        more[now.length + 1] = computed;
        memo = more;
      }
      return computed;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Entry<?> that
          && partition == that.partition
          && offset == that.offset
          && Objects.equals(key, that.key)
          && Objects.equals(value, that.value);
    }

    @Override
    public int hashCode() {
      return Objects.hash(key, value, partition, offset);
    }

    @Override
    public String toString() {
      return "Entry[key=" + key + ", partition=" + partition + ", offset=" + offset + "]";
    }
  }

  /**
   * The workers subscribers' changes are handled on (one per core, daemon threads, for the life of
   * the JVM): their own, so that a busy fan-out never delays what runs on Reactor's shared parallel
   * scheduler (every timeout, interval and delay of the application).
   */
  private static final Scheduler FAN_OUT =
      Schedulers.newParallel("sse-fan-out", Runtime.getRuntime().availableProcessors(), true);

  /** Changes handed from the poll thread to a subscriber's worker at a time. */
  private static final int HANDOFF_PREFETCH = 8;

  /** Entries kept for {@link #resume} unless {@link #setReplayCapacity} says otherwise. */
  public static final int DEFAULT_REPLAY_CAPACITY = 10_000;

  /**
   * A snapshot (or, when resumed, the replayed changes) and the changes after it.
   *
   * @param snapshot the newest value per key when subscribed; when resumed, the logged changes
   *     after the requested position, in the order they were read
   * @param changes every change after {@code snapshot}, buffered per subscriber
   * @param position next offset per partition that {@code snapshot} accounts for (when resumed: the
   *     position asked for, as the replayed changes are still to come): the position to report
   *     before any change has been sent
   * @param release drops the subscription when {@code changes} is never subscribed to
   */
  public record Subscription<V>(
      List<Entry<V>> snapshot,
      Flux<Entry<V>> changes,
      Map<Integer, Long> position,
      Disposable release) {}

  /** Where reading starts when the view starts. */
  public enum Start {
    /** Every partition from its first record. */
    EARLIEST,
    /** Every partition from its end: only records written after start-up. */
    LATEST
  }

  private final String topic;
  private final Map<String, Object> consumerConfig;
  private final Function<byte[], V> decoder;
  private final Start start;
  private final List<Consumer<Entry<V>>> listeners = new CopyOnWriteArrayList<>();
  private final Map<String, Entry<V>> latest = new ConcurrentHashMap<>();
  private final List<Subscriber<V>> subscribers = new CopyOnWriteArrayList<>();
  private final Object emitLock = new Object();
  // Guarded by emitLock: the replay log, the next offset per partition, and per partition the next
  // offset after the newest entry dropped from the log (resume needs a position at or after it).
  private final Deque<Entry<V>> replay = new ArrayDeque<>();
  private final Map<Integer, Long> positions = new HashMap<>();
  private final Map<Integer, Long> replayFloor = new HashMap<>();
  private volatile int replayCapacity = DEFAULT_REPLAY_CAPACITY;
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile KafkaConsumer<String, byte[]> consumer;
  private Thread pollThread;

  public TopicView(String topic, SignalyardKafkaProperties kafka, Function<byte[], V> decoder) {
    this(topic, kafka, decoder, Start.EARLIEST);
  }

  public TopicView(
      String topic, SignalyardKafkaProperties kafka, Function<byte[], V> decoder, Start start) {
    this.topic = topic;
    this.decoder = decoder;
    this.start = start;
    Map<String, Object> config = kafka.clientConfig();
    // No group: every node reads every partition from the start (compaction keeps that cheap).
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "signalyard-query-" + topic);
    this.consumerConfig = config;
  }

  public Optional<V> get(String key) {
    return Optional.ofNullable(latest.get(key)).map(Entry::value);
  }

  public List<Entry<V>> snapshot() {
    return List.copyOf(latest.values());
  }

  /**
   * The current snapshot and the changes after it, with no gap and no overlap between them. Changes
   * are buffered from this call on, up to {@code buffer} of them, until the flux is consumed.
   */
  public Subscription<V> subscribe(int buffer) {
    Subscriber<V> subscriber = Subscriber.of(buffer);
    synchronized (emitLock) {
      subscribers.add(subscriber);
      List<Entry<V>> snapshot = new ArrayList<>(latest.values());
      return subscription(snapshot, subscriber, Map.copyOf(positions), null);
    }
  }

  /**
   * The changes after {@code from} (next offset per partition, as {@link Subscription#position()}
   * and the stream event ids report it) and every change after those, or empty when the replay log
   * no longer reaches back to {@code from} for some partition of the topic (or {@code from} lacks
   * one): the caller then needs a snapshot. A position ahead of this view (another node read
   * further) is fine: changes before it are skipped.
   */
  public Optional<Subscription<V>> resume(Map<Integer, Long> from, int buffer) {
    synchronized (emitLock) {
      if (positions.isEmpty() || !from.keySet().containsAll(positions.keySet())) {
        return Optional.empty();
      }
      for (Map.Entry<Integer, Long> floor : replayFloor.entrySet()) {
        if (from.get(floor.getKey()) < floor.getValue()) {
          return Optional.empty();
        }
      }
      List<Entry<V>> missed = new ArrayList<>();
      for (Entry<V> entry : replay) {
        if (entry.offset() >= from.get(entry.partition())) {
          missed.add(entry);
        }
      }
      Subscriber<V> subscriber = Subscriber.of(buffer);
      subscribers.add(subscriber);
      // The position is the client's: the replayed changes are still to be sent, and each
      // advances it as it goes (reporting this view's own position here would skip those not yet
      // sent should the client drop again).
      return Optional.of(subscription(missed, subscriber, Map.copyOf(from), Map.copyOf(from)));
    }
  }

  private Subscription<V> subscription(
      List<Entry<V>> first,
      Subscriber<V> subscriber,
      Map<Integer, Long> position,
      Map<Integer, Long> skipBefore) {
    // The poll thread only queues the change; the subscriber's own work (its filter, event id,
    // encoding, the write) runs on the parallel workers, so thousands of subscribers do not queue
    // up behind one thread.
    Flux<Entry<V>> live =
        subscriber
            .sink()
            .asFlux()
            .doFinally(signal -> subscribers.remove(subscriber))
            .publishOn(FAN_OUT, HANDOFF_PREFETCH);
    if (skipBefore != null) {
      live = live.filter(e -> e.offset() >= skipBefore.getOrDefault(e.partition(), 0L));
    }
    return new Subscription<>(first, live, position, () -> subscribers.remove(subscriber));
  }

  /**
   * A subscriber's sink and its bounded buffer. On overflow the buffer is abandoned: the changes it
   * held are dropped and the error follows at once, since the subscriber needs a fresh snapshot
   * anyway and stale changes only delay telling it so.
   */
  private record Subscriber<V>(Sinks.Many<Entry<V>> sink, BoundedBuffer<Entry<V>> buffer) {

    static <V> Subscriber<V> of(int capacity) {
      BoundedBuffer<Entry<V>> buffer = new BoundedBuffer<>(capacity);
      return new Subscriber<>(Sinks.many().unicast().onBackpressureBuffer(buffer), buffer);
    }

    boolean offer(Entry<V> entry) {
      return sink.tryEmitNext(entry).isSuccess();
    }

    void overflow(String topic) {
      buffer.abandon();
      sink.tryEmitError(new SubscriberOverflowException(topic));
    }
  }

  /**
   * Sets how many of the newest changes the view keeps for {@link #resume}; more reach further back
   * at about the memory of that many decoded values.
   */
  public void setReplayCapacity(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("replay capacity must not be negative");
    }
    this.replayCapacity = capacity;
  }

  /** The topic this view reads. */
  public String topic() {
    return topic;
  }

  /**
   * Calls {@code listener} with every record applied to the view (tombstones with a null value), on
   * the poll thread, in offset order per partition. A listener must be quick and must not throw;
   * add it before {@link #start()} to see every record.
   */
  public void addListener(Consumer<Entry<V>> listener) {
    listeners.add(listener);
  }

  /** Number of live subscribers, for metrics and tests. */
  public int subscriberCount() {
    return subscribers.size();
  }

  @Override
  public void start() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    consumer =
        new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
    pollThread = new Thread(this::pollLoop, "topic-view-" + topic);
    pollThread.setDaemon(true);
    pollThread.start();
  }

  private void pollLoop() {
    try (KafkaConsumer<String, byte[]> c = consumer) {
      assignAll(c);
      while (running.get()) {
        for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(500))) {
          apply(record);
        }
      }
    } catch (WakeupException e) {
      // stop() woke the consumer: the loop ends.
    } catch (RuntimeException e) {
      log.error("View of topic {} stopped", topic, e);
    }
  }

  private void assignAll(KafkaConsumer<String, byte[]> c) {
    List<TopicPartition> partitions = new ArrayList<>();
    while (running.get() && partitions.isEmpty()) {
      try {
        c.partitionsFor(topic, Duration.ofSeconds(5))
            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      } catch (TimeoutException e) {
        log.warn("Topic {} not reachable yet; retrying", topic);
      }
      if (partitions.isEmpty()) {
        sleepQuietly(Duration.ofSeconds(1));
      }
    }
    c.assign(partitions);
    if (start == Start.EARLIEST) {
      c.seekToBeginning(partitions);
    } else {
      c.seekToEnd(partitions);
    }
    // Seeks are lazy; resolving them now makes "after start-up" mean after this point, and gives
    // every partition a position (and the floor of what the replay log holds) from the start.
    synchronized (emitLock) {
      for (TopicPartition partition : partitions) {
        long position = c.position(partition);
        positions.put(partition.partition(), position);
        replayFloor.put(partition.partition(), position);
      }
    }
  }

  private void apply(ConsumerRecord<String, byte[]> record) {
    if (record.key() == null) {
      return;
    }
    V value;
    try {
      value = record.value() == null ? null : decoder.apply(record.value());
    } catch (RuntimeException e) {
      log.warn(
          "Skipping undecodable record {}-{}@{}: {}",
          topic,
          record.partition(),
          record.offset(),
          e.getMessage());
      return;
    }
    Entry<V> entry = new Entry<>(record.key(), value, record.partition(), record.offset());
    synchronized (emitLock) {
      if (value == null) {
        latest.remove(record.key());
      } else {
        latest.put(record.key(), entry);
      }
      positions.put(entry.partition(), entry.offset() + 1);
      log(entry);
      for (Consumer<Entry<V>> listener : listeners) {
        listener.accept(entry);
      }
      for (Subscriber<V> subscriber : subscribers) {
        if (!subscriber.offer(entry)) {
          subscribers.remove(subscriber);
          subscriber.overflow(topic);
        }
      }
    }
  }

  private void log(Entry<V> entry) {
    replay.addLast(entry);
    while (replay.size() > replayCapacity) {
      Entry<V> dropped = replay.removeFirst();
      replayFloor.put(dropped.partition(), dropped.offset() + 1);
    }
  }

  private static void sleepQuietly(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void stop() {
    if (running.compareAndSet(true, false)) {
      KafkaConsumer<String, byte[]> c = consumer;
      if (c != null) {
        c.wakeup();
      }
      subscribers.forEach(subscriber -> subscriber.sink().tryEmitComplete());
      subscribers.clear();
    }
  }

  /**
   * After the web server has stopped (phase {@code DEFAULT_PHASE - 2048}), so that streams are
   * drained and requests answered from a running view until then.
   */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 4096;
  }

  @Override
  public boolean isRunning() {
    return running.get();
  }
}
