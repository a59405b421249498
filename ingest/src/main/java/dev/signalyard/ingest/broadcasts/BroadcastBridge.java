package dev.signalyard.ingest.broadcasts;

import dev.signalyard.schemas.broadcasts.Broadcast;
import dev.signalyard.schemas.common.DeadLetter;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Copies run-control messages from the upstream Kafka (drunc broadcasts, ERS issues) to {@code
 * broadcasts}, normalised to Avro and keyed by session. Records that cannot be decoded go to {@code
 * dead-letters} with their bytes.
 *
 * <p>At least once: the upstream offsets of a poll are committed only after every record produced
 * from it was acknowledged ({@code acks=all}). When a produce fails, nothing of the poll is
 * committed and the consumer is rewound to the poll's first offsets, so the whole poll is produced
 * again; copies made twice this way, or by a restart before the commit, carry the same id (upstream
 * topic-partition-offset) and streams removes them.
 *
 * <p>Thread-safety: one poll thread owns the consumer; {@link #start()} and {@link #stop()} may be
 * called from any thread.
 */
public final class BroadcastBridge implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(BroadcastBridge.class);
  private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);
  static final String STAGE = "broadcast-bridge";

  private final Supplier<Consumer<byte[], byte[]>> consumers;
  private final Producer<String, byte[]> producer;
  private final Pattern pattern;
  private final UpstreamBroadcastDecoder decoder;
  private final Duration pollTimeout;
  private final Clock clock;
  private final AvroSerde<Broadcast> broadcasts = AvroSerde.of(Broadcast.class);
  private final AvroSerde<DeadLetter> deadLetters = AvroSerde.of(DeadLetter.class);
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile Consumer<byte[], byte[]> consumer;
  private Thread thread;

  /**
   * @param consumers makes the upstream consumer (called on the poll thread at start)
   * @param producer the producer to Signalyard's cluster, idempotent with {@code acks=all}; closed
   *     by the caller
   * @param topicPatterns regular expressions of the upstream topics, combined into one pattern
   */
  public BroadcastBridge(
      Supplier<Consumer<byte[], byte[]>> consumers,
      Producer<String, byte[]> producer,
      List<String> topicPatterns,
      UpstreamBroadcastDecoder decoder,
      Duration pollTimeout,
      Clock clock) {
    this.consumers = consumers;
    this.producer = producer;
    this.pattern = combine(topicPatterns);
    this.decoder = decoder;
    this.pollTimeout = pollTimeout;
    this.clock = clock;
  }

  /** One pattern matching any of {@code patterns}, each kept as written. */
  static Pattern combine(List<String> patterns) {
    return Pattern.compile(String.join("|", patterns.stream().map(p -> "(?:" + p + ")").toList()));
  }

  @Override
  public void start() {
    if (running.compareAndSet(false, true)) {
      thread = new Thread(this::run, "broadcast-bridge");
      thread.setDaemon(true);
      thread.start();
    }
  }

  @Override
  public void stop() {
    if (running.compareAndSet(true, false)) {
      Consumer<byte[], byte[]> c = consumer;
      if (c != null) {
        c.wakeup();
      }
      try {
        thread.join(Duration.ofSeconds(10).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running.get();
  }

  private void run() {
    while (running.get()) {
      try (Consumer<byte[], byte[]> c = consumers.get()) {
        consumer = c;
        c.subscribe(pattern);
        while (running.get()) {
          ConsumerRecords<byte[], byte[]> records = c.poll(pollTimeout);
          if (!records.isEmpty()) {
            copy(c, records);
          }
        }
      } catch (WakeupException e) {
        // stop() woke the poll up: leave without committing the poll in hand.
        return;
      } catch (RuntimeException e) {
        // E.g. refused credentials or a lost group membership: start over from the committed
        // offsets with a new consumer rather than stop bridging for good.
        log.error("The broadcast bridge failed; restarting it in {}", RETRY_BACKOFF, e);
        sleep();
      }
    }
  }

  /** Produces every record of one poll, waits for all acks, then commits; or rewinds. */
  private void copy(Consumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> records) {
    List<Future<RecordMetadata>> sends = new ArrayList<>(records.count());
    Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
    Map<TopicPartition, Long> first = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      TopicPartition tp = new TopicPartition(record.topic(), record.partition());
      first.putIfAbsent(tp, record.offset());
      next.put(tp, new OffsetAndMetadata(record.offset() + 1));
      sends.add(producer.send(toOutput(record)));
    }
    try {
      for (Future<RecordMetadata> send : sends) {
        send.get();
      }
      c.commitSync(next);
    } catch (ExecutionException | KafkaException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      log.warn(
          "Copying {} upstream records failed ({}); they will be copied again",
          records.count(),
          cause.toString());
      // After a rebalance during the commit some partitions may belong to another member now;
      // that member resumes them from the last commit.
      Set<TopicPartition> assigned = c.assignment();
      first.forEach(
          (tp, offset) -> {
            if (assigned.contains(tp)) {
              c.seek(tp, offset);
            }
          });
      sleep();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.set(false);
    }
  }

  private ProducerRecord<String, byte[]> toOutput(ConsumerRecord<byte[], byte[]> record) {
    try {
      Broadcast broadcast =
          decoder.decode(
              record.topic(),
              record.partition(),
              record.offset(),
              record.timestamp(),
              record.value());
      return new ProducerRecord<>(
          TopicCatalog.BROADCASTS.name(), broadcast.getSession(), broadcasts.encode(broadcast));
    } catch (UndecodableBroadcastException e) {
      DeadLetter letter =
          DeadLetter.newBuilder()
              .setSourceTopic(record.topic())
              .setSourcePartition(record.partition())
              .setSourceOffset(record.offset())
              .setStage(STAGE)
              .setReason(e.getMessage())
              .setFailedAt(clock.instant())
              .setOriginalKey(record.key() == null ? null : ByteBuffer.wrap(record.key()))
              .setOriginalValue(record.value() == null ? null : ByteBuffer.wrap(record.value()))
              .build();
      return new ProducerRecord<>(
          TopicCatalog.DEAD_LETTERS.name(), record.topic(), deadLetters.encode(letter));
    }
  }

  private void sleep() {
    try {
      Thread.sleep(RETRY_BACKOFF.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.set(false);
    }
  }
}
