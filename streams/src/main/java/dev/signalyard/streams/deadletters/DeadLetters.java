package dev.signalyard.streams.deadletters;

import dev.signalyard.schemas.common.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Builds {@link DeadLetter}s with the source coordinates of the record being processed, for every
 * topology that dead-letters records it cannot process.
 *
 * <p>Thread-safety: stateless.
 */
public final class DeadLetters {

  private DeadLetters() {}

  public static DeadLetter of(
      Optional<RecordMetadata> source,
      String stage,
      String reason,
      String key,
      byte[] value,
      Instant failedAt) {
    return DeadLetter.newBuilder()
        .setSourceTopic(source.map(RecordMetadata::topic).orElse("unknown"))
        .setSourcePartition(source.map(RecordMetadata::partition).orElse(-1))
        .setSourceOffset(source.map(RecordMetadata::offset).orElse(-1L))
        .setStage(stage)
        .setReason(reason)
        .setFailedAt(failedAt)
        .setOriginalKey(key == null ? null : ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8)))
        .setOriginalValue(value == null ? null : ByteBuffer.wrap(value))
        .build();
  }
}
