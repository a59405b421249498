package dev.signalyard.streams.devices;

import dev.signalyard.schemas.devices.DeviceReport;
import dev.signalyard.schemas.devices.Position;
import dev.signalyard.schemas.devices.PositionSource;
import dev.signalyard.schemas.devices.RawDeviceReport;
import dev.signalyard.schemas.devices.RawReportFormat;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/** Reports and driver settings shared by the topology tests. */
final class TestReports {

  static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  static final String IMEI = "300234010753370";

  private TestReports() {}

  static Properties driverProperties(String applicationId) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    return props;
  }

  static RawDeviceReport raw(int momsn, String transmitTime, String payload) {
    return RawDeviceReport.newBuilder()
        .setId("raw-" + momsn + "-" + transmitTime)
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

  /** A decoded report whose position was fixed at {@code fixTime}. */
  static DeviceReport report(
      int momsn,
      String transmitTime,
      String fixTime,
      PositionSource source,
      double lat,
      double lon) {
    Position position =
        Position.newBuilder()
            .setLatitude(lat)
            .setLongitude(lon)
            .setSource(source)
            .setAccuracyKm(source == PositionSource.IRIDIUM ? 4.0 : null)
            .setFixTime(Instant.parse(fixTime))
            .build();
    return DeviceReport.newBuilder()
        .setImei(IMEI)
        .setMomsn(momsn)
        .setTransmitTime(Instant.parse(transmitTime))
        .setReceivedAt(Instant.parse(transmitTime).plusSeconds(2))
        .setPosition(position)
        .setPayloadType("PK001")
        .setPayloadHex("")
        .setRawReportId("raw-" + momsn)
        .setDeviceType("ROCKBLOCK")
        .build();
  }
}
