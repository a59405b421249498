package dev.signalyard.streams.devices;

import dev.signalyard.schemas.devices.TrackerReport;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;

/**
 * Generic tracker reports join the device report stream.
 *
 * <pre>
 * tracker-reports-raw (key device id, TrackerReport bytes)
 *   → parse Avro → drop retries (device id, fix time) → DeviceReport (source GPS)
 *       ─┬→ device-reports (key device id)
 *        └→ dead-letters
 * </pre>
 *
 * <p>Writing into device-reports rather than a topic of their own gives trackers the same state,
 * track, status and geofences as Iridium devices with no further code. The tracker id is already
 * the key, so nothing is repartitioned.
 */
public final class TrackerReportTopology {

  /** Name of the window store of (device id, fix time) already seen. */
  public static final String RETRY_STORE = "tracker-report-retries";

  static final String STAGE = "tracker-decode";

  private TrackerReportTopology() {}

  /**
   * Adds the topology to {@code builder}.
   *
   * @param retryWindow how long a report is remembered to recognise its retries, measured on fix
   *     times
   */
  public static void build(StreamsBuilder builder, Clock clock, Duration retryWindow) {
    builder.addStateStore(RetryFilter.store(RETRY_STORE, retryWindow));
    TrackerReportDecoder decoder = new TrackerReportDecoder();
    KStream<String, Parsed<TrackerReport>> parsed =
        builder.stream(
                TopicCatalog.TRACKER_REPORTS_RAW.name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()))
            .processValues(() -> new AvroParseProcessor<>(TrackerReport.class, STAGE, clock));
    DeviceReportTopology.writeReports(
        parsed
            .filter((id, p) -> p.value() != null)
            .processValues(
                () ->
                    new RetryFilter<TrackerReport>(
                        RETRY_STORE, TrackerReport::getDeviceId, TrackerReport::getTime),
                RETRY_STORE)
            .processValues(
                () ->
                    new ReportDecodeProcessor<TrackerReport>(
                        tracker -> new DeviceReportDecoder.Result(decoder.decode(tracker), null),
                        STAGE,
                        clock)));
    parsed
        .filter((id, p) -> p.deadLetter() != null)
        .mapValues(Parsed::deadLetter)
        .to(TopicCatalog.DEAD_LETTERS.name(), DeviceReportTopology.deadLetterProduced());
  }
}
