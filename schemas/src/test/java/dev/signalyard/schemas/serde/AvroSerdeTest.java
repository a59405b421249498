package dev.signalyard.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalyard.schemas.common.DeadLetter;
import dev.signalyard.schemas.devices.DeviceReport;
import dev.signalyard.schemas.devices.Position;
import dev.signalyard.schemas.devices.PositionSource;
import dev.signalyard.schemas.devices.RawDeviceReport;
import dev.signalyard.schemas.devices.RawReportFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

  private static final Instant RECEIVED = Instant.parse("2025-03-01T10:15:30.123Z");
  private static final Instant TRANSMITTED = Instant.parse("2025-03-01T10:15:27Z");

  private final AvroSerde<RawDeviceReport> rawSerde = AvroSerde.of(RawDeviceReport.class);

  @Test
  void rawDeviceReportRoundTrips() {
    assertRoundTrip(RawDeviceReport.class, rawDeviceReport());
  }

  @Test
  void rawDeviceReportWithoutOptionalFieldsRoundTrips() {
    RawDeviceReport sparse =
        RawDeviceReport.newBuilder(rawDeviceReport())
            .setSerial(null)
            .setDeviceType(null)
            .setAttributes(Map.of())
            .setData(ByteBuffer.allocate(0))
            .build();
    assertRoundTrip(RawDeviceReport.class, sparse);
  }

  @Test
  void deviceReportRoundTrips() {
    assertRoundTrip(DeviceReport.class, deviceReport());
  }

  @Test
  void deadLetterRoundTrips() {
    assertRoundTrip(DeadLetter.class, deadLetter());
  }

  @Test
  void writesSingleObjectHeaderWithFingerprintOfCurrentSchema() {
    byte[] bytes = rawSerde.encode(rawDeviceReport());

    assertThat(Arrays.copyOf(bytes, 2)).containsExactly(0xC3, 0x01);
    long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertThat(fingerprint)
        .isEqualTo(SchemaNormalization.parsingFingerprint64(RawDeviceReport.getClassSchema()));
  }

  @Test
  void readsBytesWrittenByTheGeneratedClassEncoder() throws Exception {
    RawDeviceReport report = rawDeviceReport();
    ByteBuffer encoded = RawDeviceReport.getEncoder().encode(report);
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);

    assertThat(rawSerde.decode(bytes)).isEqualTo(report);
  }

  @Test
  void isItsOwnSerializerAndDeserializer() {
    assertThat(rawSerde.serializer()).isSameAs(rawSerde);
    assertThat(rawSerde.deserializer()).isSameAs(rawSerde);
  }

  @Test
  void nullMapsToNullBothWays() {
    assertThat(rawSerde.encode(null)).isNull();
    assertThat(rawSerde.decode(null)).isNull();
    assertThat(rawSerde.serialize("t", null)).isNull();
    assertThat(rawSerde.deserialize("t", null)).isNull();
    assertThat(rawSerde.deserialize("t", new RecordHeaders(), (byte[]) null)).isNull();
  }

  @Test
  void isSafeToShareBetweenThreads() {
    List<RawDeviceReport> reports =
        IntStream.range(0, 2_000)
            .mapToObj(i -> RawDeviceReport.newBuilder(rawDeviceReport()).setMomsn(i).build())
            .toList();

    List<RawDeviceReport> decoded =
        reports.parallelStream().map(r -> rawSerde.decode(rawSerde.encode(r))).toList();

    assertThat(decoded).isEqualTo(reports);
  }

  @Test
  void encodingAnIncompleteRecordFailsNamingTheSchema() {
    assertThatThrownBy(() -> rawSerde.encode(new RawDeviceReport()))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("Cannot encode dev.signalyard.schemas.devices.RawDeviceReport");
  }

  @Test
  void rejectsNoBytes() {
    assertUndecodable(new byte[0])
        .hasMessage("not single-object encoded: expected header C3 01, found no bytes");
  }

  @Test
  void rejectsBytesWithoutTheSingleObjectMarker() {
    assertUndecodable("{\"id\":1}".getBytes(StandardCharsets.UTF_8))
        .hasMessage("not single-object encoded: expected header C3 01, found 7B 22");
  }

  @Test
  void rejectsAHeaderCutShort() {
    assertUndecodable(new byte[] {(byte) 0xC3, 0x01, 0x12, 0x34})
        .hasMessage(
            "not single-object encoded: 4 bytes, shorter than the 10-byte header"
                + " (C3 01 and an 8-byte schema fingerprint)");
  }

  @Test
  void rejectsAnUnknownFingerprintPrintingItInHex() {
    byte[] bytes = rawSerde.encode(rawDeviceReport());
    ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(0x0123456789abcdefL);

    assertUndecodable(bytes)
        .hasMessageStartingWith("unknown schema fingerprint 0x0123456789abcdef: ")
        .hasMessageContaining("dev.signalyard.schemas.devices.RawDeviceReport");
  }

  @Test
  void rejectsARecordOfAnotherType() {
    byte[] deadLetter = AvroSerde.of(DeadLetter.class).encode(deadLetter());

    assertUndecodable(deadLetter)
        .hasMessageStartingWith(
            "wrong record type: written as dev.signalyard.schemas.common.DeadLetter")
        .hasMessageEndingWith("this serde reads dev.signalyard.schemas.devices.RawDeviceReport");
  }

  @Test
  void rejectsATruncatedBody() {
    byte[] bytes = rawSerde.encode(rawDeviceReport());

    assertUndecodable(Arrays.copyOf(bytes, bytes.length - 3))
        .hasMessageStartingWith(
            "truncated body of a dev.signalyard.schemas.devices.RawDeviceReport record"
                + " (schema fingerprint 0x")
        .hasMessageContaining("EOFException");
    assertUndecodable(Arrays.copyOf(bytes, 10)).hasMessageStartingWith("truncated body of ");
  }

  @Test
  void rejectsABodyThatIsNotARecordOfTheSchema() {
    byte[] bytes = rawSerde.encode(rawDeviceReport());
    // The body starts with the length of the string field `id`; 0x01 is zig-zag for -1.
    bytes[10] = 0x01;

    assertUndecodable(bytes)
        .hasMessageStartingWith(
            "corrupt body of a dev.signalyard.schemas.devices.RawDeviceReport record")
        .hasMessageContaining("negative");
  }

  @Test
  void rejectsBytesAfterTheRecord() {
    byte[] bytes = rawSerde.encode(rawDeviceReport());

    assertUndecodable(Arrays.copyOf(bytes, bytes.length + 2))
        .hasMessageStartingWith(
            "corrupt body of a dev.signalyard.schemas.devices.RawDeviceReport record")
        .hasMessageEndingWith(": 2 trailing byte(s) after the record");
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertUndecodable(byte[] bytes) {
    assertThatThrownBy(() -> rawSerde.deserialize("device-reports-raw", bytes))
        .isInstanceOf(UndecodableRecordException.class)
        .isInstanceOf(SerializationException.class);
    return assertThatThrownBy(() -> rawSerde.decode(bytes))
        .isInstanceOf(UndecodableRecordException.class);
  }

  private static <T extends SpecificRecord> void assertRoundTrip(Class<T> type, T record) {
    AvroSerde<T> serde = AvroSerde.of(type);

    byte[] bytes = serde.serialize("any-topic", record);

    assertThat(serde.deserialize("any-topic", bytes)).isEqualTo(record);
    assertThat(serde.decode(serde.encode(record))).isEqualTo(record);
  }

  static RawDeviceReport rawDeviceReport() {
    return RawDeviceReport.newBuilder()
        .setId("5b0c4c1e-6d0e-4f5e-9a53-0e2f5f4a9c11")
        .setReceivedAt(RECEIVED)
        .setFormat(RawReportFormat.ROCKBLOCK_JSON)
        .setImei("300234063904190")
        .setSerial(206899L)
        .setMomsn(4711)
        .setTransmitTime(TRANSMITTED)
        .setIridiumLatitude(52.3702)
        .setIridiumLongitude(4.8952)
        .setIridiumCepKm(3.0)
        .setData(ByteBuffer.wrap(new byte[] {0x50, 0x4b, 0x00, 0x01, (byte) 0xff}))
        .setDeviceType("ROCKBLOCK")
        .setAttributes(Map.of("transport", "https", "iridium_session_status", "0"))
        .build();
  }

  static DeviceReport deviceReport() {
    return DeviceReport.newBuilder()
        .setImei("300234063904190")
        .setMomsn(4711)
        .setTransmitTime(TRANSMITTED)
        .setReceivedAt(RECEIVED)
        .setPosition(
            Position.newBuilder()
                .setLatitude(52.37021)
                .setLongitude(4.89517)
                .setSource(PositionSource.GPS)
                .setAccuracyKm(null)
                .setFixTime(TRANSMITTED.minusSeconds(5))
                .build())
        .setPayloadType("PK001")
        .setPayloadHex("504b0001ff")
        .setPayloadText(null)
        .setBatteryVolts(3.71)
        .setSpeedKnots(5.5)
        .setCourseDegrees(270.0)
        .setRawReportId("5b0c4c1e-6d0e-4f5e-9a53-0e2f5f4a9c11")
        .build();
  }

  static DeadLetter deadLetter() {
    return DeadLetter.newBuilder()
        .setSourceTopic("device-reports-raw")
        .setSourcePartition(2)
        .setSourceOffset(81_723L)
        .setStage("device-decode")
        .setReason("UndecodableRecordException: truncated body")
        .setFailedAt(RECEIVED.plusSeconds(1))
        .setOriginalKey(ByteBuffer.wrap("300234063904190".getBytes(StandardCharsets.UTF_8)))
        .setOriginalValue(ByteBuffer.wrap(new byte[] {(byte) 0xC3, 0x01, 0x00}))
        .build();
  }
}
