package dev.signalyard.ingest.commands;

import dev.signalyard.ingest.IngestProperties;
import dev.signalyard.ingest.kafka.AckedPublisher;
import dev.signalyard.platform.kafka.SignalyardKafkaProperties;
import dev.signalyard.platform.runtime.Backoff;
import dev.signalyard.schemas.commands.DeviceCommand;
import dev.signalyard.schemas.commands.DeviceCommandState;
import dev.signalyard.schemas.commands.DeviceCommandStatus;
import dev.signalyard.schemas.common.DeadLetter;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads device-commands in the consumer group {@value #GROUP}, sends each command to RockBLOCK's MT
 * endpoint and records the outcome in device-command-status: SENT with the MT id, FAILED with the
 * error, or QUEUED with the attempt count between retries. The offset of a command is committed
 * only after its final status was acknowledged by Kafka, so a crash re-sends it (at-least-once).
 *
 * <p>Commands are handled one at a time, in order per partition, so commands to one device are sent
 * in the order they were accepted; retries of one command hold back the commands behind it in its
 * partition. Without credentials the sender does not start (see {@link #start()}).
 *
 * <p>Thread-safety: {@link #start()} and {@link #stop()} may be called from any thread; the work
 * happens on one thread of its own.
 */
public final class DeviceCommandSender implements SmartLifecycle {

  static final String GROUP = "signalyard-ingest-commands";

  private static final Logger log = LoggerFactory.getLogger(DeviceCommandSender.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration PUBLISH_RETRY = Duration.ofSeconds(1);

  private final SignalyardKafkaProperties kafka;

  /** Null without credentials: the sender then never starts. */
  private final RockBlockMtClient client;

  private final URI mtUrl;

  private final Backoff backoff;
  private final AckedPublisher publisher;
  private final Duration requestTimeout;
  private final Clock clock;
  private final AvroSerde<DeviceCommand> commands = AvroSerde.of(DeviceCommand.class);
  private final AvroSerde<DeviceCommandStatus> statuses = AvroSerde.of(DeviceCommandStatus.class);
  private final AvroSerde<DeadLetter> deadLetters = AvroSerde.of(DeadLetter.class);
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile CountDownLatch stopping = new CountDownLatch(0);
  private Thread thread;

  /**
   * A sender with the given settings; {@code credentials} null when none are configured, in which
   * case it never starts.
   */
  DeviceCommandSender(
      SignalyardKafkaProperties kafka,
      IngestProperties.Commands settings,
      MtCredentials credentials,
      AckedPublisher publisher,
      Clock clock) {
    this.kafka = kafka;
    this.client =
        credentials == null
            ? null
            : new RockBlockMtClient(settings.mtUrl(), credentials, settings.requestTimeout());
    this.mtUrl = settings.mtUrl();
    this.backoff = new Backoff(settings.retryBase(), settings.retryCap(), settings.maxAttempts());
    this.requestTimeout = settings.requestTimeout();
    this.publisher = publisher;
    this.clock = clock;
  }

  Map<String, Object> consumerConfig() {
    Map<String, Object> config = kafka.clientConfig();
    config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, GROUP);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // Commands accepted before the sender first ran (e.g. before credentials were configured) are
    // still wanted; the topic's retention bounds how old they can be.
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
    // One command with all its retries must fit between two polls, or the group would hand its
    // partition to another member while it is still being sent.
    long perCommand = backoff.worstCase(requestTimeout.plusSeconds(5)).toMillis();
    config.put(
        ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
        (int) Math.min(Integer.MAX_VALUE, perCommand + Duration.ofMinutes(1).toMillis()));
    return config;
  }

  /**
   * Starts the sending thread, unless no credentials are configured: then it logs one warning and
   * stays stopped, and commands stay QUEUED in device-commands until a sender with credentials
   * runs.
   */
  @Override
  public void start() {
    if (client == null) {
      log.warn(
          "RockBLOCK MT sender not started: no credentials configured (set {} and {}, or"
              + " signalyard.ingest.commands.username and .password). Device commands stay QUEUED.",
          MtCredentials.USER_VARIABLE,
          MtCredentials.PASSWORD_VARIABLE);
      return;
    }
    if (!running.compareAndSet(false, true)) {
      return;
    }
    if (!"https".equalsIgnoreCase(mtUrl.getScheme())) {
      log.warn("RockBLOCK MT endpoint {} is not https: credentials travel unencrypted", mtUrl);
    }
    stopping = new CountDownLatch(1);
    thread = new Thread(this::run, "device-command-sender");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            consumerConfig(), new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(TopicCatalog.DEVICE_COMMANDS.name()));
      while (running.get()) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          if (handle(record)) {
            commit(consumer, record);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("Device command sender stopped", e);
      running.set(false);
    }
  }

  /** Sends one command and records its final status; false when stopped before that. */
  private boolean handle(ConsumerRecord<String, byte[]> record) throws InterruptedException {
    DeviceCommand command;
    try {
      command = commands.decode(record.value());
    } catch (RuntimeException e) {
      log.warn(
          "Device command {}-{}@{} is undecodable; sent to dead-letters: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
      return publish(
          TopicCatalog.DEAD_LETTERS.name(),
          record.key(),
          deadLetters.encode(deadLetter(record, e)));
    }
    byte[] payload = new byte[command.getPayload().remaining()];
    command.getPayload().duplicate().get(payload);
    for (int attempt = 1; ; attempt++) {
      MtOutcome outcome = client.send(command.getImei(), payload, command.getFlush());
      if (outcome instanceof MtOutcome.Sent sent) {
        log.info(
            "Command {} to {} sent; RockBLOCK MT id {}",
            command.getId(),
            command.getImei(),
            sent.mtId());
        return publish(status(command, DeviceCommandState.SENT, attempt, sent.mtId(), null));
      }
      MtOutcome.Failed failed = (MtOutcome.Failed) outcome;
      boolean retry = failed.retryable() && attempt < backoff.maxAttempts();
      log.warn(
          "Command {} to {}: attempt {} of {} failed: {} {}{}",
          command.getId(),
          command.getImei(),
          attempt,
          backoff.maxAttempts(),
          failed.errorCode(),
          failed.errorText(),
          retry ? "; retrying" : "; giving up");
      if (!retry) {
        return publish(status(command, DeviceCommandState.FAILED, attempt, null, failed));
      }
      if (!publish(status(command, DeviceCommandState.QUEUED, attempt, null, failed))
          || stopping.await(backoff.delayAfter(attempt).toMillis(), TimeUnit.MILLISECONDS)) {
        return false;
      }
    }
  }

  private DeviceCommandStatus status(
      DeviceCommand command,
      DeviceCommandState state,
      int attempts,
      String mtId,
      MtOutcome.Failed failure) {
    return DeviceCommandStatus.newBuilder()
        .setCommandId(command.getId())
        .setImei(command.getImei())
        .setState(state)
        .setMtId(mtId)
        .setErrorCode(failure == null ? null : failure.errorCode())
        .setErrorText(failure == null ? null : failure.errorText())
        .setAttempts(attempts)
        .setRequestedAt(command.getRequestedAt())
        .setUpdatedAt(clock.instant())
        .build();
  }

  private DeadLetter deadLetter(ConsumerRecord<String, byte[]> record, RuntimeException e) {
    return DeadLetter.newBuilder()
        .setSourceTopic(record.topic())
        .setSourcePartition(record.partition())
        .setSourceOffset(record.offset())
        .setStage("command-send")
        .setReason(String.valueOf(e.getMessage()))
        .setFailedAt(clock.instant())
        .setOriginalKey(
            record.key() == null
                ? null
                : ByteBuffer.wrap(record.key().getBytes(StandardCharsets.UTF_8)))
        .setOriginalValue(record.value() == null ? null : ByteBuffer.wrap(record.value()))
        .build();
  }

  private boolean publish(DeviceCommandStatus status) throws InterruptedException {
    return publish(
        TopicCatalog.DEVICE_COMMAND_STATUS.name(), status.getCommandId(), statuses.encode(status));
  }

  /**
   * Produces {@code value} and waits for Kafka's acknowledgement, trying again while Kafka is away
   * and the sender runs: the message may already be with RockBLOCK, so its status must not be
   * dropped. Tries at least once even when stopping, so the outcome of the call in flight is
   * recorded. False when it was not recorded.
   */
  private boolean publish(String topic, String key, byte[] value) throws InterruptedException {
    while (true) {
      try {
        publisher.publish(topic, key, value).block();
        return true;
      } catch (RuntimeException e) {
        log.warn("Could not record {} for key {}: {}; retrying", topic, key, e.getMessage());
        if (!running.get() || stopping.await(PUBLISH_RETRY.toMillis(), TimeUnit.MILLISECONDS)) {
          return false;
        }
      }
    }
  }

  private static void commit(
      KafkaConsumer<String, byte[]> consumer, ConsumerRecord<String, byte[]> record) {
    try {
      consumer.commitSync(
          Map.of(
              new TopicPartition(record.topic(), record.partition()),
              new OffsetAndMetadata(record.offset() + 1)));
    } catch (KafkaException e) {
      // The partition moved to another member, which will handle the command again, or Kafka is
      // away: a later commit covers this offset too, and only a crash before it re-sends.
      log.warn(
          "Could not commit device command {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
    }
  }

  /** Stops after the call in flight, if any, recording its outcome; waits for that. */
  @Override
  public void stop() {
    if (running.compareAndSet(true, false)) {
      stopping.countDown();
      try {
        thread.join(requestTimeout.plusSeconds(10).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running.get();
  }
}
