package dev.signalyard.streams.devices;

import dev.signalyard.schemas.devices.DeviceReport;
import dev.signalyard.schemas.devices.TrackPoint;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Track history per device.
 *
 * <pre>
 * device-reports (key device id, DeviceReport)
 *   → one point per new fix time (store device-track-store) → device-tracks (key device id, TrackPoint)
 * </pre>
 *
 * <p>The store is a window store keyed by device id with the fix time as timestamp, so it holds
 * each device's track in time order whatever order the reports arrived in (a late buffered fix
 * lands in its place), answers from/to by a range fetch, and drops points older than the retention
 * by itself. A report that repeats a fix time already on the track (a device resending its last
 * fix) adds no point. Points older than the retention are not written at all: they would be deleted
 * at once.
 */
public final class DeviceTrackTopology {

  /** Name of the window store of track points per device, by fix time. */
  public static final String TRACK_STORE = "device-track-store";

  private DeviceTrackTopology() {}

  /**
   * Adds the topology, reading {@code reports} (the device-reports topic).
   *
   * @param retention how long track points are kept
   */
  public static void build(KStream<String, DeviceReport> reports, Duration retention) {
    AvroSerde<TrackPoint> pointSerde = AvroSerde.of(TrackPoint.class);
    reports
        .processValues(new TrackSupplier(retention, pointSerde))
        .to(TopicCatalog.DEVICE_TRACKS.name(), Produced.with(Serdes.String(), pointSerde));
  }

  static TrackPoint point(DeviceReport report) {
    return TrackPoint.newBuilder()
        .setImei(report.getImei())
        .setPosition(report.getPosition())
        .setSpeedKnots(report.getSpeedKnots())
        .setCourseDegrees(report.getCourseDegrees())
        .setRawReportId(report.getRawReportId())
        .build();
  }

  private record TrackSupplier(Duration retention, AvroSerde<TrackPoint> pointSerde)
      implements FixedKeyProcessorSupplier<String, DeviceReport, TrackPoint> {

    @Override
    public FixedKeyProcessor<String, DeviceReport, TrackPoint> get() {
      return new TrackProcessor(retention);
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
      return Set.of(
          Stores.windowStoreBuilder(
              Stores.persistentWindowStore(TRACK_STORE, retention, Duration.ofMillis(1), false),
              Serdes.String(),
              pointSerde));
    }
  }

  /**
   * Adds each report's position to the device's track unless its fix time is already there.
   *
   * <p>Thread-safety: one instance per stream task, used by its thread only.
   */
  static final class TrackProcessor implements FixedKeyProcessor<String, DeviceReport, TrackPoint> {

    private final Duration retention;
    private FixedKeyProcessorContext<String, TrackPoint> context;
    private WindowStore<String, TrackPoint> track;

    TrackProcessor(Duration retention) {
      this.retention = retention;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, TrackPoint> context) {
      this.context = context;
      this.track = context.getStateStore(TRACK_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, DeviceReport> record) {
      if (record.key() == null || record.value() == null) {
        return;
      }
      long fixTime = record.value().getPosition().getFixTime().toEpochMilli();
      if (fixTime < context.currentSystemTimeMs() - retention.toMillis()
          || track.fetch(record.key(), fixTime) != null) {
        return;
      }
      TrackPoint point = point(record.value());
      track.put(record.key(), point, fixTime);
      context.forward(record.withValue(point));
    }
  }
}
