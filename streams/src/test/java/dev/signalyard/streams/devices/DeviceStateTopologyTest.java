package dev.signalyard.streams.devices;

import static dev.signalyard.streams.devices.TestReports.IMEI;
import static dev.signalyard.streams.devices.TestReports.NOW;
import static dev.signalyard.streams.devices.TestReports.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.schemas.devices.DeviceEvent;
import dev.signalyard.schemas.devices.DeviceEventType;
import dev.signalyard.schemas.devices.DeviceReport;
import dev.signalyard.schemas.devices.DeviceState;
import dev.signalyard.schemas.devices.PositionSource;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeviceStateTopologyTest {

  private static final Duration OFFLINE_AFTER = Duration.ofHours(1);

  private TopologyTestDriver driver;
  private TestInputTopic<String, DeviceReport> reports;
  private TestOutputTopic<String, DeviceState> states;
  private TestOutputTopic<String, DeviceEvent> events;
  private TestOutputTopic<String, DeviceReport> latest;

  @BeforeEach
  void setUp() {
    StreamsBuilder builder = new StreamsBuilder();
    AvroSerde<DeviceReport> reportSerde = AvroSerde.of(DeviceReport.class);
    DeviceStateTopology.build(
        builder.stream(
            TopicCatalog.DEVICE_REPORTS.name(), Consumed.with(Serdes.String(), reportSerde)),
        OFFLINE_AFTER,
        Duration.ofSeconds(30));
    driver = new TopologyTestDriver(builder.build(), TestReports.driverProperties("state"), NOW);
    reports =
        driver.createInputTopic(
            TopicCatalog.DEVICE_REPORTS.name(),
            Serdes.String().serializer(),
            reportSerde.serializer());
    states =
        driver.createOutputTopic(
            TopicCatalog.DEVICE_STATE.name(),
            Serdes.String().deserializer(),
            AvroSerde.of(DeviceState.class).deserializer());
    events =
        driver.createOutputTopic(
            TopicCatalog.DEVICE_EVENTS.name(),
            Serdes.String().deserializer(),
            AvroSerde.of(DeviceEvent.class).deserializer());
    latest =
        driver.createOutputTopic(
            TopicCatalog.DEVICE_LATEST.name(),
            Serdes.String().deserializer(),
            reportSerde.deserializer());
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  @Test
  void buildsTheStateFromReportsAndCountsThem() {
    DeviceReport first =
        report(1, "2026-11-22T11:50:00Z", "2026-11-22T11:49:00Z", PositionSource.GPS, 37.0, -122.0);
    first.setBatteryVolts(3.9);
    first.setStatusFlags(4);
    reports.pipeInput(IMEI, first);
    reports.pipeInput(
        IMEI,
        report(
            2,
            "2026-11-22T11:55:00Z",
            "2026-11-22T11:55:00Z",
            PositionSource.IRIDIUM,
            37.1,
            -122.1));

    List<DeviceState> emitted = states.readValuesToList();
    assertThat(emitted).hasSize(2);
    DeviceState state = emitted.get(1);
    assertThat(state.getMessageCount()).isEqualTo(2);
    assertThat(state.getMomsn()).isEqualTo(2);
    assertThat(state.getPosition().getSource()).isEqualTo(PositionSource.IRIDIUM);
    assertThat(state.getPosition().getAccuracyKm()).isEqualTo(4.0);
    assertThat(state.getBatteryVolts()).as("kept from the earlier report").isEqualTo(3.9);
    assertThat(state.getStatusFlags()).isEqualTo(4);
    assertThat(state.getLastSeen()).isEqualTo(Instant.parse("2026-11-22T11:55:00Z"));
    assertThat(state.getOnline()).isTrue();
    KeyValueStore<String, DeviceState> store =
        driver.getKeyValueStore(DeviceStateTopology.STATE_STORE);
    assertThat(store.get(IMEI)).isEqualTo(state);
  }

  @Test
  void aLateReportCountsButMovesNeitherPositionNorLastSeenBack() {
    reports.pipeInput(
        IMEI,
        report(
            2, "2026-11-22T11:55:00Z", "2026-11-22T11:54:00Z", PositionSource.GPS, 37.1, -122.1));
    reports.pipeInput(
        IMEI,
        report(
            1, "2026-11-22T11:00:00Z", "2026-11-22T10:59:00Z", PositionSource.GPS, 30.0, -120.0));

    DeviceState state = states.readValuesToList().get(1);
    assertThat(state.getMessageCount()).isEqualTo(2);
    assertThat(state.getMomsn()).isEqualTo(2);
    assertThat(state.getPosition().getLatitude()).isEqualTo(37.1);
    assertThat(state.getLastSeen()).isEqualTo(Instant.parse("2026-11-22T11:55:00Z"));
    assertThat(latest.readValuesToList()).extracting(DeviceReport::getMomsn).containsOnly(2);
  }

  @Test
  void comesOnlineWithARecentReportAndGoesOfflineWhenSilentOnWallClockTime() {
    reports.pipeInput(
        IMEI,
        report(
            1, "2026-11-22T11:50:00Z", "2026-11-22T11:50:00Z", PositionSource.GPS, 37.0, -122.0));
    DeviceEvent online = events.readValue();
    assertThat(online.getType()).isEqualTo(DeviceEventType.DEVICE_ONLINE);
    assertThat(online.getTime()).isEqualTo(Instant.parse("2026-11-22T11:50:00Z"));
    states.readValuesToList();

    driver.advanceWallClockTime(Duration.ofMinutes(30));
    assertThat(events.isEmpty()).isTrue();

    driver.advanceWallClockTime(Duration.ofMinutes(31));
    DeviceEvent offline = events.readValue();
    assertThat(offline.getType()).isEqualTo(DeviceEventType.DEVICE_OFFLINE);
    assertThat(offline.getLastSeen()).isEqualTo(Instant.parse("2026-11-22T11:50:00Z"));
    assertThat(states.readValue().getOnline()).isFalse();

    driver.advanceWallClockTime(Duration.ofMinutes(5));
    assertThat(events.isEmpty()).as("offline is announced once").isTrue();
  }

  @Test
  void anOldReportDoesNotBringASilentDeviceOnline() {
    reports.pipeInput(
        IMEI,
        report(
            1, "2026-11-22T08:00:00Z", "2026-11-22T08:00:00Z", PositionSource.GPS, 37.0, -122.0));

    assertThat(events.isEmpty()).isTrue();
    assertThat(states.readValue().getOnline()).isFalse();
  }
}
