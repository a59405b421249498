package dev.signalyard.streams.devices;

import static dev.signalyard.streams.devices.TestReports.IMEI;
import static dev.signalyard.streams.devices.TestReports.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.schemas.devices.DeviceEvent;
import dev.signalyard.schemas.devices.DeviceEventType;
import dev.signalyard.schemas.devices.DeviceState;
import dev.signalyard.schemas.devices.PositionSource;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GeofenceTopologyTest {

  /** Moss Landing harbour, about 1 km across, and a 50 km circle around Monterey Bay. */
  private static final List<Geofence> FENCES =
      List.of(
          new Geofence("harbour", 36.8040, -121.7880, 1000),
          new Geofence("bay", 36.8000, -121.9000, 50_000));

  private TopologyTestDriver driver;
  private TestInputTopic<String, DeviceState> states;
  private TestOutputTopic<String, DeviceEvent> events;

  @BeforeEach
  void setUp() {
    StreamsBuilder builder = new StreamsBuilder();
    GeofenceTopology.build(builder, FENCES);
    driver = new TopologyTestDriver(builder.build(), TestReports.driverProperties("geofence"));
    states =
        driver.createInputTopic(
            TopicCatalog.DEVICE_STATE.name(),
            Serdes.String().serializer(),
            AvroSerde.of(DeviceState.class).serializer());
    events =
        driver.createOutputTopic(
            TopicCatalog.DEVICE_EVENTS.name(),
            Serdes.String().deserializer(),
            AvroSerde.of(DeviceEvent.class).deserializer());
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  @Test
  void raisesEnterAndExitWhenTheGpsPositionCrossesAFence() {
    pipe(PositionSource.GPS, 36.0, -121.0, "2026-11-22T10:00:00Z");
    assertThat(events.isEmpty()).as("outside every fence").isTrue();

    pipe(PositionSource.GPS, 36.8045, -121.7885, "2026-11-22T10:10:00Z");
    assertThat(events.readValuesToList())
        .extracting(DeviceEvent::getType, DeviceEvent::getGeofence)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(DeviceEventType.GEOFENCE_ENTER, "harbour"),
            org.assertj.core.groups.Tuple.tuple(DeviceEventType.GEOFENCE_ENTER, "bay"));

    pipe(PositionSource.GPS, 36.8046, -121.7886, "2026-11-22T10:20:00Z");
    assertThat(events.isEmpty()).as("still inside: nothing new").isTrue();

    pipe(PositionSource.GPS, 36.7000, -121.9000, "2026-11-22T10:30:00Z");
    DeviceEvent exit = events.readValue();
    assertThat(exit.getType()).isEqualTo(DeviceEventType.GEOFENCE_EXIT);
    assertThat(exit.getGeofence()).isEqualTo("harbour");
    assertThat(exit.getTime()).hasToString("2026-11-22T10:30:00Z");
    assertThat(events.isEmpty()).isTrue();
  }

  @Test
  void ignoresIridiumEstimates() {
    pipe(PositionSource.IRIDIUM, 36.8045, -121.7885, "2026-11-22T10:10:00Z");

    assertThat(events.isEmpty()).isTrue();
  }

  private void pipe(PositionSource source, double lat, double lon, String fixTime) {
    DeviceState state = DeviceStates.apply(null, report(1, fixTime, fixTime, source, lat, lon));
    states.pipeInput(IMEI, state);
  }
}
