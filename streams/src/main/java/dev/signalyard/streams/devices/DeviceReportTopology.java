package dev.signalyard.streams.devices;

import dev.signalyard.schemas.common.DeadLetter;
import dev.signalyard.schemas.devices.DeviceReport;
import dev.signalyard.schemas.devices.RawDeviceReport;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.time.Clock;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Device reports: raw → decoded → newest per device.
 *
 * <pre>
 * device-reports-raw (key imei, RawDeviceReport bytes)
 *   → decode ─┬→ device-reports (key imei, DeviceReport)  → newest by transmit time → device-latest
 *             └→ dead-letters   (key imei, DeadLetter: reason + original bytes)
 * </pre>
 *
 * <p>The raw value is read as bytes and decoded here rather than by a serde, so that a record that
 * is not valid Avro lands in the dead-letter topic with its reason instead of stopping the stream.
 * Everything stays keyed by IMEI, so no repartitioning happens and the work scales with the raw
 * topic's partitions. "Newest" is decided by transmit time, not arrival, so a late retry of an old
 * report cannot overwrite a newer state.
 */
public final class DeviceReportTopology {

  /** Name of the state store holding the newest report per IMEI. */
  public static final String LATEST_STORE = "device-latest-store";

  private DeviceReportTopology() {}

  public static void build(StreamsBuilder builder, Clock clock) {
    AvroSerde<DeviceReport> reportSerde = AvroSerde.of(DeviceReport.class);
    KStream<String, Decoded> decoded =
        builder.stream(
                TopicCatalog.DEVICE_REPORTS_RAW.name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()))
            .processValues(() -> new DecodeProcessor(clock));

    decoded
        .split()
        .branch(
            (imei, outcome) -> outcome.report() != null,
            Branched.withConsumer(
                reports -> {
                  KStream<String, DeviceReport> valid = reports.mapValues(Decoded::report);
                  valid.to(
                      TopicCatalog.DEVICE_REPORTS.name(),
                      Produced.with(Serdes.String(), reportSerde));
                  valid
                      .groupByKey(Grouped.with(Serdes.String(), reportSerde))
                      .reduce(
                          DeviceReportTopology::newer,
                          Materialized
                              .<String, DeviceReport,
                                  org.apache.kafka.streams.state.KeyValueStore<
                                      org.apache.kafka.common.utils.Bytes, byte[]>>
                                  as(LATEST_STORE)
                              .withKeySerde(Serdes.String())
                              .withValueSerde(reportSerde))
                      .toStream()
                      .to(
                          TopicCatalog.DEVICE_LATEST.name(),
                          Produced.with(Serdes.String(), reportSerde));
                }))
        .defaultBranch(
            Branched.withConsumer(
                failures ->
                    failures
                        .mapValues(Decoded::deadLetter)
                        .to(
                            TopicCatalog.DEAD_LETTERS.name(),
                            Produced.with(Serdes.String(), AvroSerde.of(DeadLetter.class)))));
  }

  static DeviceReport newer(DeviceReport current, DeviceReport candidate) {
    return candidate.getTransmitTime().isBefore(current.getTransmitTime()) ? current : candidate;
  }

  /** Either a decoded report or the dead letter explaining why there is none. */
  record Decoded(DeviceReport report, DeadLetter deadLetter) {}

  /** Decodes each raw record, keeping the source coordinates for the dead letter on failure. */
  static final class DecodeProcessor implements FixedKeyProcessor<String, byte[], Decoded> {
    private final AvroSerde<RawDeviceReport> rawSerde = AvroSerde.of(RawDeviceReport.class);
    private final DeviceReportDecoder decoder = new DeviceReportDecoder();
    private final Clock clock;
    private FixedKeyProcessorContext<String, Decoded> context;

    DecodeProcessor(Clock clock) {
      this.clock = clock;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Decoded> context) {
      this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
      Decoded outcome;
      try {
        RawDeviceReport raw = rawSerde.decode(record.value());
        if (raw == null) {
          throw new UndecodableReportException("record has no value");
        }
        outcome = new Decoded(decoder.decode(raw), null);
      } catch (RuntimeException e) {
        outcome = new Decoded(null, deadLetter(record, e));
      }
      context.forward(record.withValue(outcome));
    }

    private DeadLetter deadLetter(FixedKeyRecord<String, byte[]> record, RuntimeException e) {
      Optional<RecordMetadata> source = context.recordMetadata();
      return DeadLetter.newBuilder()
          .setSourceTopic(source.map(RecordMetadata::topic).orElse("unknown"))
          .setSourcePartition(source.map(RecordMetadata::partition).orElse(-1))
          .setSourceOffset(source.map(RecordMetadata::offset).orElse(-1L))
          .setStage("device-decode")
          .setReason(e.getClass().getSimpleName() + ": " + e.getMessage())
          .setFailedAt(clock.instant())
          .setOriginalKey(
              record.key() == null
                  ? null
                  : java.nio.ByteBuffer.wrap(
                      record.key().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
          .setOriginalValue(
              record.value() == null ? null : java.nio.ByteBuffer.wrap(record.value()))
          .build();
    }
  }
}
