package dev.signalyard.streams.devices;

import static dev.signalyard.streams.devices.TestReports.IMEI;
import static dev.signalyard.streams.devices.TestReports.NOW;
import static dev.signalyard.streams.devices.TestReports.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.signalyard.schemas.common.DeadLetter;
import dev.signalyard.schemas.devices.DeviceReport;
import dev.signalyard.schemas.devices.PositionSource;
import dev.signalyard.schemas.devices.RawDeviceReport;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import dev.signalyard.streams.devices.payload.PayloadDecoders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeviceReportTopologyTest {

  private final AvroSerde<RawDeviceReport> rawSerde = AvroSerde.of(RawDeviceReport.class);
  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> input;
  private TestOutputTopic<String, DeviceReport> reports;
  private TestOutputTopic<String, DeadLetter> deadLetters;

  @BeforeEach
  void setUp() {
    StreamsBuilder builder = new StreamsBuilder();
    DeviceReportTopology.build(
        builder, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(7), PayloadDecoders.defaults());
    driver = new TopologyTestDriver(builder.build(), TestReports.driverProperties("reports"));
    input =
        driver.createInputTopic(
            TopicCatalog.DEVICE_REPORTS_RAW.name(),
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
  void decodesAPk001ToItsGpsFixAndKeepsTheIridiumPosition() {
    pipe(
        raw(
            7,
            "2026-11-22T11:59:00Z",
            "PK001;lat:3749.5074,NS:N,lon:12216.6021,EW:W,utc:115501.5,batt:3.9,sog:2.5,cog:90,sta:4"));

    DeviceReport report = reports.readValue();
    assertThat(report.getImei()).isEqualTo(IMEI);
    assertThat(report.getPayloadType()).isEqualTo("PK001");
    assertThat(report.getPosition().getSource()).isEqualTo(PositionSource.GPS);
    assertThat(report.getPosition().getLatitude()).isCloseTo(37.8251233, within(1e-6));
    assertThat(report.getPosition().getFixTime())
        .isEqualTo(Instant.parse("2026-11-22T11:55:01.5Z"));
    assertThat(report.getPosition().getAccuracyKm()).isNull();
    assertThat(report.getIridiumPosition().getSource()).isEqualTo(PositionSource.IRIDIUM);
    assertThat(report.getIridiumPosition().getAccuracyKm()).isEqualTo(4.0);
    assertThat(report.getBatteryVolts()).isEqualTo(3.9);
    assertThat(report.getSpeedKnots()).isEqualTo(2.5);
    assertThat(report.getCourseDegrees()).isEqualTo(90.0);
    assertThat(report.getStatusFlags()).isEqualTo(4);
    assertThat(report.getDeviceType()).isEqualTo("ROCKBLOCK");
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void anUndecodablePayloadIsDeadLetteredAndTheDeviceStillCountsAsSeen() {
    RawDeviceReport bad = raw(8, "2026-11-22T11:59:00Z", "PK001;lat:3648.0000,NS:N");
    byte[] original = rawSerde.encode(bad);
    input.pipeInput(IMEI, original);

    DeviceReport report = reports.readValue();
    assertThat(report.getPayloadType()).isEqualTo("UNDECODABLE");
    assertThat(report.getDecodeError()).isEqualTo("lon is missing");
    assertThat(report.getPosition().getSource()).isEqualTo(PositionSource.IRIDIUM);
    assertThat(report.getPosition().getLatitude()).isEqualTo(36.8);
    assertThat(report.getPayloadText()).isEqualTo("PK001;lat:3648.0000,NS:N");
    DeadLetter letter = deadLetters.readValue();
    assertThat(letter.getStage()).isEqualTo("device-decode");
    assertThat(letter.getReason()).contains("lon is missing");
    assertThat(letter.getOriginalValue()).isEqualTo(ByteBuffer.wrap(original));
    assertThat(letter.getSourceTopic()).isEqualTo(TopicCatalog.DEVICE_REPORTS_RAW.name());
  }

  @Test
  void textAndBinaryPayloadsPassThrough() {
    pipe(raw(1, "2026-11-22T11:00:00Z", "hello"));
    RawDeviceReport binary = raw(2, "2026-11-22T11:00:00Z", "");
    binary.setData(ByteBuffer.wrap(new byte[] {0x01, (byte) 0xff, 0x10}));
    pipe(binary);

    DeviceReport text = reports.readValue();
    assertThat(text.getPayloadType()).isEqualTo("TEXT");
    assertThat(text.getPayloadText()).isEqualTo("hello");
    assertThat(text.getPosition().getSource()).isEqualTo(PositionSource.IRIDIUM);
    DeviceReport raw = reports.readValue();
    assertThat(raw.getPayloadType()).isEqualTo("RAW");
    assertThat(raw.getPayloadText()).isNull();
    assertThat(raw.getPayloadHex()).isEqualTo("01ff10");
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void dropsSenderRetriesOfTheSameImeiMomsnAndTransmitTime() {
    pipe(raw(5, "2026-11-22T10:00:00Z", "first"));
    RawDeviceReport retry = raw(5, "2026-11-22T10:00:00Z", "first");
    retry.setId("another-ingest-id");
    pipe(retry);

    assertThat(reports.readValuesToList()).extracting(DeviceReport::getRawReportId).hasSize(1);
  }

  @Test
  void keepsAReportWhoseMomsnWrappedAroundToAnEarlierValue() {
    pipe(raw(65535, "2026-11-20T10:00:00Z", "before wrap"));
    pipe(raw(3, "2026-11-20T11:00:00Z", "old three"));
    pipe(raw(3, "2026-11-22T10:00:00Z", "same momsn after the wrap"));

    assertThat(reports.readValuesToList())
        .extracting(DeviceReport::getPayloadText)
        .containsExactly("before wrap", "old three", "same momsn after the wrap");
  }

  @Test
  void forgetsReportsOlderThanTheRetryWindow() {
    pipe(raw(9, "2026-11-01T10:00:00Z", "old"));
    pipe(raw(10, "2026-11-22T10:00:00Z", "three weeks later"));
    pipe(raw(9, "2026-11-01T10:00:00Z", "old"));

    assertThat(reports.readValuesToList())
        .extracting(DeviceReport::getPayloadText)
        .containsExactly("old", "three weeks later", "old");
  }

  @Test
  void sendsRecordsThatAreNotAvroToTheDeadLetterTopicWithTheReason() {
    byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
    input.pipeInput(IMEI, garbage);

    DeadLetter letter = deadLetters.readValue();
    assertThat(letter.getStage()).isEqualTo("device-decode");
    assertThat(letter.getReason()).isNotBlank();
    assertThat(letter.getOriginalValue()).isEqualTo(ByteBuffer.wrap(garbage));
    assertThat(letter.getOriginalKey())
        .isEqualTo(ByteBuffer.wrap(IMEI.getBytes(StandardCharsets.UTF_8)));
    assertThat(reports.isEmpty()).isTrue();
  }

  @Test
  void sendsReportsWithImpossibleIridiumPositionsToTheDeadLetterTopicOnly() {
    RawDeviceReport bad = raw(3, "2026-11-22T11:00:00Z", "x");
    bad.setIridiumLatitude(123.0);
    pipe(bad);

    assertThat(deadLetters.readValue().getReason()).contains("latitude out of range: 123.0");
    assertThat(reports.isEmpty()).isTrue();
  }

  private void pipe(RawDeviceReport report) {
    input.pipeInput(report.getImei(), rawSerde.encode(report));
  }
}
