package dev.signalyard.streams.devices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.schemas.common.DeadLetter;
import dev.signalyard.schemas.devices.DeviceReport;
import dev.signalyard.schemas.devices.PositionSource;
import dev.signalyard.schemas.devices.RawDeviceReport;
import dev.signalyard.schemas.devices.RawReportFormat;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeviceReportTopologyTest {

  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  private static final String IMEI = "300234010753370";

  private final AvroSerde<RawDeviceReport> rawSerde = AvroSerde.of(RawDeviceReport.class);
  private final AvroSerde<DeviceReport> reportSerde = AvroSerde.of(DeviceReport.class);
  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> raw;
  private TestOutputTopic<String, DeviceReport> reports;
  private TestOutputTopic<String, DeviceReport> latest;
  private TestOutputTopic<String, DeadLetter> deadLetters;

  @BeforeEach
  void setUp() {
    StreamsBuilder builder = new StreamsBuilder();
    DeviceReportTopology.build(builder, Clock.fixed(NOW, ZoneOffset.UTC));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "device-report-topology-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    driver = new TopologyTestDriver(builder.build(), props);
    raw =
        driver.createInputTopic(
            TopicCatalog.DEVICE_REPORTS_RAW.name(),
            Serdes.String().serializer(),
            Serdes.ByteArray().serializer());
    reports =
        driver.createOutputTopic(
            TopicCatalog.DEVICE_REPORTS.name(),
            Serdes.String().deserializer(),
            reportSerde.deserializer());
    latest =
        driver.createOutputTopic(
            TopicCatalog.DEVICE_LATEST.name(),
            Serdes.String().deserializer(),
            reportSerde.deserializer());
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
  void decodesARawReportWithItsIridiumPosition() {
    raw.pipeInput(IMEI, rawSerde.encode(rawReport(7, "2026-11-22T11:59:00Z", "PK001;lat:1")));

    DeviceReport report = reports.readValue();
    assertThat(report.getImei()).isEqualTo(IMEI);
    assertThat(report.getMomsn()).isEqualTo(7);
    assertThat(report.getPosition().getSource()).isEqualTo(PositionSource.IRIDIUM);
    assertThat(report.getPosition().getLatitude()).isEqualTo(36.8);
    assertThat(report.getPosition().getAccuracyKm()).isEqualTo(4.0);
    assertThat(report.getPayloadType()).isEqualTo("TEXT");
    assertThat(report.getPayloadText()).isEqualTo("PK001;lat:1");
    assertThat(report.getPayloadHex()).isEqualTo("504b3030313b6c61743a31");
    assertThat(latest.readKeyValue().key).isEqualTo(IMEI);
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void keepsTheNewestReportByTransmitTimeNotByArrival() {
    raw.pipeInput(IMEI, rawSerde.encode(rawReport(2, "2026-11-22T11:00:00Z", "new")));
    raw.pipeInput(IMEI, rawSerde.encode(rawReport(1, "2026-11-22T10:00:00Z", "late old")));

    assertThat(reports.readValuesToList()).hasSize(2);
    KeyValueStore<String, DeviceReport> store =
        driver.getKeyValueStore(DeviceReportTopology.LATEST_STORE);
    assertThat(store.get(IMEI).getMomsn()).isEqualTo(2);
    assertThat(latest.readValuesToList()).extracting(DeviceReport::getMomsn).containsOnly(2);
  }

  @Test
  void sendsRecordsThatAreNotAvroToTheDeadLetterTopicWithTheReason() {
    byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
    raw.pipeInput(IMEI, garbage);

    DeadLetter letter = deadLetters.readValue();
    assertThat(letter.getSourceTopic()).isEqualTo(TopicCatalog.DEVICE_REPORTS_RAW.name());
    assertThat(letter.getStage()).isEqualTo("device-decode");
    assertThat(letter.getReason()).isNotBlank();
    assertThat(letter.getOriginalValue()).isEqualTo(ByteBuffer.wrap(garbage));
    assertThat(letter.getOriginalKey())
        .isEqualTo(ByteBuffer.wrap(IMEI.getBytes(StandardCharsets.UTF_8)));
    assertThat(reports.isEmpty()).isTrue();
    assertThat(latest.isEmpty()).isTrue();
  }

  @Test
  void sendsReportsWithImpossiblePositionsToTheDeadLetterTopic() {
    RawDeviceReport bad = rawReport(3, "2026-11-22T11:00:00Z", "x");
    bad.setIridiumLatitude(123.0);
    raw.pipeInput(IMEI, rawSerde.encode(bad));

    assertThat(deadLetters.readValue().getReason()).contains("latitude out of range: 123.0");
    assertThat(reports.isEmpty()).isTrue();
  }

  @Test
  void marksBinaryPayloadsAsRaw() {
    RawDeviceReport binary = rawReport(4, "2026-11-22T11:00:00Z", "");
    binary.setData(ByteBuffer.wrap(new byte[] {0x01, (byte) 0xff, 0x10}));
    raw.pipeInput(IMEI, rawSerde.encode(binary));

    DeviceReport report = reports.readValue();
    assertThat(report.getPayloadType()).isEqualTo("RAW");
    assertThat(report.getPayloadText()).isNull();
    assertThat(report.getPayloadHex()).isEqualTo("01ff10");
  }

  static RawDeviceReport rawReport(int momsn, String transmitTime, String payload) {
    return RawDeviceReport.newBuilder()
        .setId("raw-" + momsn)
        .setReceivedAt(NOW)
        .setFormat(RawReportFormat.ROCKBLOCK_FORM)
        .setImei(IMEI)
        .setSerial(12345L)
        .setMomsn(momsn)
        .setTransmitTime(Instant.parse(transmitTime))
        .setIridiumLatitude(36.8)
        .setIridiumLongitude(-122.0)
        .setIridiumCepKm(4.0)
        .setData(ByteBuffer.wrap(payload.getBytes(StandardCharsets.US_ASCII)))
        .setDeviceType("ROCKBLOCK")
        .setAttributes(Map.of())
        .build();
  }
}
