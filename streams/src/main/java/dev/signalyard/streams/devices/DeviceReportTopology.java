package dev.signalyard.streams.devices;

import dev.signalyard.schemas.common.DeadLetter;
import dev.signalyard.schemas.devices.DeviceReport;
import dev.signalyard.schemas.devices.RawDeviceReport;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import dev.signalyard.streams.devices.payload.PayloadDecoders;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;

/**
 * RockBLOCK device reports: raw → retries removed → decoded.
 *
 * <pre>
 * device-reports-raw (key imei, RawDeviceReport bytes)
 *   → parse Avro → drop retries (imei, momsn, transmit time) → decode payload
 *       ─┬→ device-reports (key imei, DeviceReport)
 *        └→ dead-letters   (key imei, DeadLetter: reason + original bytes)
 * </pre>
 *
 * <p>The raw value is read as bytes and decoded here rather than by a serde, so that a record that
 * is not valid Avro lands in the dead-letter topic with its reason instead of stopping the stream.
 * A payload of a known format that is malformed yields both: a dead letter, and a report of type
 * UNDECODABLE at the Iridium position, because the device was heard. Everything stays keyed by
 * IMEI, so no repartitioning happens and the retry store is partitioned like the input.
 */
public final class DeviceReportTopology {

  /** Name of the window store of (imei/momsn, transmit time) already seen. */
  public static final String RETRY_STORE = "device-report-retries";

  static final String STAGE = "device-decode";

  private DeviceReportTopology() {}

  /**
   * Adds the topology to {@code builder}.
   *
   * @param retryWindow how long a report is remembered to recognise its retries, measured on
   *     transmit times
   */
  public static void build(
      StreamsBuilder builder, Clock clock, Duration retryWindow, PayloadDecoders decoders) {
    builder.addStateStore(RetryFilter.store(RETRY_STORE, retryWindow));
    DeviceReportDecoder decoder = new DeviceReportDecoder(decoders);
    KStream<String, Parsed<RawDeviceReport>> parsed =
        builder.stream(
                TopicCatalog.DEVICE_REPORTS_RAW.name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()))
            .processValues(() -> new AvroParseProcessor<>(RawDeviceReport.class, STAGE, clock));
    KStream<String, Decoded> decoded =
        parsed
            .filter((imei, p) -> p.value() != null)
            .processValues(
                () ->
                    new RetryFilter<RawDeviceReport>(
                        RETRY_STORE,
                        raw -> raw.getImei() + "/" + raw.getMomsn(),
                        RawDeviceReport::getTransmitTime),
                RETRY_STORE)
            .processValues(() -> new ReportDecodeProcessor<>(decoder::decode, STAGE, clock));
    writeReports(decoded);
    parsed
        .filter((imei, p) -> p.deadLetter() != null)
        .mapValues(Parsed::deadLetter)
        .to(TopicCatalog.DEAD_LETTERS.name(), deadLetterProduced());
  }

  /** Writes the reports to device-reports and the dead letters to dead-letters. */
  static void writeReports(KStream<String, Decoded> decoded) {
    decoded
        .filter((key, d) -> d.report() != null)
        .mapValues(Decoded::report)
        .to(
            TopicCatalog.DEVICE_REPORTS.name(),
            Produced.with(Serdes.String(), AvroSerde.of(DeviceReport.class)));
    decoded
        .filter((key, d) -> d.deadLetter() != null)
        .mapValues(Decoded::deadLetter)
        .to(TopicCatalog.DEAD_LETTERS.name(), deadLetterProduced());
  }

  static Produced<String, DeadLetter> deadLetterProduced() {
    return Produced.with(Serdes.String(), AvroSerde.of(DeadLetter.class));
  }
}
