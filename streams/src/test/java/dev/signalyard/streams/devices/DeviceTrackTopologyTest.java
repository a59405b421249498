package dev.signalyard.streams.devices;

import static dev.signalyard.streams.devices.TestReports.IMEI;
import static dev.signalyard.streams.devices.TestReports.NOW;
import static dev.signalyard.streams.devices.TestReports.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.schemas.devices.DeviceReport;
import dev.signalyard.schemas.devices.PositionSource;
import dev.signalyard.schemas.devices.TrackPoint;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeviceTrackTopologyTest {

  private TopologyTestDriver driver;
  private TestInputTopic<String, DeviceReport> reports;
  private TestOutputTopic<String, TrackPoint> points;

  @BeforeEach
  void setUp() {
    StreamsBuilder builder = new StreamsBuilder();
    AvroSerde<DeviceReport> reportSerde = AvroSerde.of(DeviceReport.class);
    DeviceTrackTopology.build(
        builder.stream(
            TopicCatalog.DEVICE_REPORTS.name(), Consumed.with(Serdes.String(), reportSerde)),
        Duration.ofDays(30));
    driver = new TopologyTestDriver(builder.build(), TestReports.driverProperties("track"), NOW);
    reports =
        driver.createInputTopic(
            TopicCatalog.DEVICE_REPORTS.name(),
            Serdes.String().serializer(),
            reportSerde.serializer());
    points =
        driver.createOutputTopic(
            TopicCatalog.DEVICE_TRACKS.name(),
            Serdes.String().deserializer(),
            AvroSerde.of(TrackPoint.class).deserializer());
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  @Test
  void keepsTheTrackInFixTimeOrderWhenAFixArrivesLate() {
    pipe(1, "2026-11-22T10:00:00Z", 37.0);
    pipe(3, "2026-11-22T11:00:00Z", 37.2);
    pipe(2, "2026-11-22T10:30:00Z", 37.1);

    assertThat(points.readValuesToList())
        .extracting(p -> p.getPosition().getLatitude())
        .containsExactly(37.0, 37.2, 37.1);
    assertThat(track("2026-11-22T09:00:00Z", "2026-11-22T12:00:00Z"))
        .containsExactly(37.0, 37.1, 37.2);
    assertThat(track("2026-11-22T10:15:00Z", "2026-11-22T10:45:00Z")).containsExactly(37.1);
  }

  @Test
  void aRepeatedFixTimeAddsNoPoint() {
    pipe(1, "2026-11-22T10:00:00Z", 37.0);
    pipe(2, "2026-11-22T10:00:00Z", 37.0);

    assertThat(points.readValuesToList()).hasSize(1);
  }

  @Test
  void fixesOlderThanTheRetentionAreNotWritten() {
    pipe(1, "2026-10-01T10:00:00Z", 37.0);

    assertThat(points.isEmpty()).isTrue();
  }

  private void pipe(int momsn, String fixTime, double lat) {
    reports.pipeInput(
        IMEI, report(momsn, "2026-11-22T11:30:00Z", fixTime, PositionSource.GPS, lat, -122.0));
  }

  private List<Double> track(String from, String to) {
    WindowStore<String, TrackPoint> store = driver.getWindowStore(DeviceTrackTopology.TRACK_STORE);
    List<Double> latitudes = new ArrayList<>();
    try (WindowStoreIterator<TrackPoint> it =
        store.fetch(IMEI, Instant.parse(from), Instant.parse(to))) {
      it.forEachRemaining(kv -> latitudes.add(kv.value.getPosition().getLatitude()));
    }
    return latitudes;
  }
}
