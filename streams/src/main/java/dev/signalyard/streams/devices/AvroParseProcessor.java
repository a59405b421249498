package dev.signalyard.streams.devices;

import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.streams.deadletters.DeadLetters;
import java.time.Clock;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Decodes raw record bytes with {@link AvroSerde} here rather than in a serde, so a record that is
 * not valid Avro becomes a dead letter instead of stopping the stream.
 *
 * <p>Thread-safety: one instance per stream task, used by its thread only.
 */
final class AvroParseProcessor<T extends SpecificRecord>
    implements FixedKeyProcessor<String, byte[], Parsed<T>> {

  private final AvroSerde<T> serde;
  private final String stage;
  private final Clock clock;
  private FixedKeyProcessorContext<String, Parsed<T>> context;

  AvroParseProcessor(Class<T> type, String stage, Clock clock) {
    this.serde = AvroSerde.of(type);
    this.stage = stage;
    this.clock = clock;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Parsed<T>> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, byte[]> record) {
    Parsed<T> parsed;
    try {
      T value = record.value() == null ? null : serde.decode(record.value());
      if (value == null) {
        throw new UndecodableReportException("record has no value");
      }
      parsed = new Parsed<>(value, record.value(), null);
    } catch (RuntimeException e) {
      parsed =
          new Parsed<>(
              null,
              record.value(),
              DeadLetters.of(
                  context.recordMetadata(),
                  stage,
                  e.getClass().getSimpleName() + ": " + e.getMessage(),
                  record.key(),
                  record.value(),
                  clock.instant()));
    }
    context.forward(record.withValue(parsed));
  }
}
