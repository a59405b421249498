package dev.signalyard.streams.devices;

import dev.signalyard.schemas.common.DeadLetter;
import dev.signalyard.schemas.devices.DeviceReport;
import dev.signalyard.streams.deadletters.DeadLetters;
import java.time.Clock;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Decodes a parsed raw report into a {@link DeviceReport}; a failure, or a payload problem beside a
 * report, becomes a dead letter carrying the original raw bytes.
 *
 * <p>Thread-safety: one instance per stream task, used by its thread only.
 *
 * @param <T> the raw report type
 */
final class ReportDecodeProcessor<T> implements FixedKeyProcessor<String, Parsed<T>, Decoded> {

  private final Function<T, DeviceReportDecoder.Result> decoder;
  private final String stage;
  private final Clock clock;
  private FixedKeyProcessorContext<String, Decoded> context;

  ReportDecodeProcessor(
      Function<T, DeviceReportDecoder.Result> decoder, String stage, Clock clock) {
    this.decoder = decoder;
    this.stage = stage;
    this.clock = clock;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Decoded> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, Parsed<T>> record) {
    Decoded decoded;
    try {
      DeviceReportDecoder.Result result = decoder.apply(record.value().value());
      decoded =
          new Decoded(
              result.report(),
              result.payloadProblem() == null
                  ? null
                  : deadLetter(record, "UndecodablePayloadException: " + result.payloadProblem()));
    } catch (RuntimeException e) {
      decoded =
          new Decoded(
              null, deadLetter(record, e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
    context.forward(record.withValue(decoded));
  }

  private DeadLetter deadLetter(FixedKeyRecord<String, Parsed<T>> record, String reason) {
    return DeadLetters.of(
        context.recordMetadata(),
        stage,
        reason,
        record.key(),
        record.value().original(),
        clock.instant());
  }
}
