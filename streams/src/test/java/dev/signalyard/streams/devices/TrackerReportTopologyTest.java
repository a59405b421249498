package dev.signalyard.streams.devices;

import static dev.signalyard.streams.devices.TestReports.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.schemas.common.DeadLetter;
import dev.signalyard.schemas.devices.DeviceReport;
import dev.signalyard.schemas.devices.PositionSource;
import dev.signalyard.schemas.devices.TrackerReport;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrackerReportTopologyTest {

  private final AvroSerde<TrackerReport> trackerSerde = AvroSerde.of(TrackerReport.class);
  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> input;
  private TestOutputTopic<String, DeviceReport> reports;
  private TestOutputTopic<String, DeadLetter> deadLetters;

  @BeforeEach
  void setUp() {
    StreamsBuilder builder = new StreamsBuilder();
    TrackerReportTopology.build(builder, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(7));
    driver = new TopologyTestDriver(builder.build(), TestReports.driverProperties("trackers"));
    input =
        driver.createInputTopic(
            TopicCatalog.TRACKER_REPORTS_RAW.name(),
            Serdes.String().serializer(),
            Serdes.ByteArray().serializer());
    reports =
        driver.createOutputTopic(
            TopicCatalog.DEVICE_REPORTS.name(),
            Serdes.String().deserializer(),
            AvroSerde.of(DeviceReport.class).deserializer());
    deadLetters =
        driver.createOutputTopic(
            TopicCatalog.DEAD_LETTERS.name(),
            Serdes.String().deserializer(),
            AvroSerde.of(DeadLetter.class).deserializer());
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  @Test
  void turnsATrackerReportIntoAGpsDeviceReport() {
    pipe(tracker("req-1", "2026-11-22T11:00:00Z", 59.91, 10.75));

    var record = reports.readKeyValue();
    assertThat(record.key).isEqualTo("truck-7");
    DeviceReport report = record.value;
    assertThat(report.getImei()).isEqualTo("truck-7");
    assertThat(report.getDeviceType()).isEqualTo("TRACKER");
    assertThat(report.getPayloadType()).isEqualTo("TRACKER");
    assertThat(report.getPosition().getSource()).isEqualTo(PositionSource.GPS);
    assertThat(report.getPosition().getAccuracyKm()).isEqualTo(0.012);
    assertThat(report.getPosition().getFixTime()).isEqualTo(Instant.parse("2026-11-22T11:00:00Z"));
    assertThat(report.getSpeedKnots()).isEqualTo(12.5);
    assertThat(report.getBatteryPercent()).isEqualTo(80.0);
    assertThat(report.getIridiumPosition()).isNull();
  }

  @Test
  void dropsARetryOfTheSameDeviceAndFixTime() {
    pipe(tracker("req-1", "2026-11-22T11:00:00Z", 59.91, 10.75));
    pipe(tracker("req-2", "2026-11-22T11:00:00Z", 59.91, 10.75));
    pipe(tracker("req-3", "2026-11-22T11:01:00Z", 59.92, 10.75));

    assertThat(reports.readValuesToList())
        .extracting(DeviceReport::getRawReportId)
        .containsExactly("req-1", "req-3");
  }

  @Test
  void deadLettersImpossibleCoordinates() {
    pipe(tracker("req-9", "2026-11-22T11:00:00Z", 91.0, 10.75));

    assertThat(deadLetters.readValue().getReason()).contains("latitude out of range");
    assertThat(reports.isEmpty()).isTrue();
  }

  private void pipe(TrackerReport report) {
    input.pipeInput(report.getDeviceId(), trackerSerde.encode(report));
  }

  private static TrackerReport tracker(String id, String time, double lat, double lon) {
    return TrackerReport.newBuilder()
        .setId(id)
        .setReceivedAt(NOW)
        .setSource("fleet-a")
        .setDeviceId("truck-7")
        .setTime(Instant.parse(time))
        .setLatitude(lat)
        .setLongitude(lon)
        .setSpeedKnots(12.5)
        .setAccuracyMeters(12.0)
        .setBatteryPercent(80.0)
        .setAttributes(Map.of())
        .build();
  }
}
