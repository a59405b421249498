package dev.signalyard.benchmarks;

import dev.signalyard.schemas.devices.RawDeviceReport;
import dev.signalyard.schemas.devices.RawReportFormat;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Raw RockBLOCK reports as ingest writes them to {@code device-reports-raw}, for a fleet of modems
 * that each report once a minute: report {@code n} comes from modem {@code n % devices}, which
 * counts its {@code momsn} up from 0, and the reports run in transmit-time order up to now.
 *
 * <p>The payloads mix what the device topologies decode: 6 in 10 a Paikea {@code PK001} position, 3
 * in 10 a {@code PK004} position with speed and course, 1 in 10 binary bytes (decoded as {@code
 * RAW}). Every report is distinct by (imei, momsn, transmit time) and decodes, so each yields
 * exactly one record on {@code device-reports} and none on {@code dead-letters}.
 *
 * <p>Thread-safe: immutable.
 */
final class DeviceTopologyReports {

  private static final long FIRST_IMEI = 300_234_068_050_000L;
  private static final Duration REPORT_INTERVAL = Duration.ofMinutes(1);
  private static final DateTimeFormatter FIX_TIME =
      DateTimeFormatter.ofPattern("HHmmss.SS").withZone(ZoneOffset.UTC);

  private final int devices;
  private final Instant firstTransmit;

  /** Reports of {@code devices} modems, the last of {@code count} transmitted about now. */
  DeviceTopologyReports(int devices, long count) {
    this.devices = devices;
    long rounds = (count + devices - 1) / devices;
    this.firstTransmit =
        Instant.now().minus(REPORT_INTERVAL.multipliedBy(rounds)).truncatedTo(ChronoUnit.SECONDS);
  }

  String imei(long n) {
    return Long.toString(FIRST_IMEI + n % devices);
  }

  RawDeviceReport report(long n) {
    int device = (int) (n % devices);
    long round = n / devices;
    // Modems do not transmit in lockstep: spread them over the minute.
    Instant transmitted =
        firstTransmit
            .plus(REPORT_INTERVAL.multipliedBy(round))
            .plusMillis(device * 59_000L / devices);
    double latitude = 52.0 + device * 0.0031 + round * 0.0001;
    double longitude = -3.5 + device * 0.0047 - round * 0.0001;
    return RawDeviceReport.newBuilder()
        .setId(new UUID(n, device).toString())
        .setReceivedAt(transmitted.plusSeconds(2))
        .setFormat(n % 2 == 0 ? RawReportFormat.ROCKBLOCK_FORM : RawReportFormat.ROCKBLOCK_JSON)
        .setImei(imei(n))
        .setSerial(20_000L + device)
        .setMomsn((int) (round % 65_536))
        .setTransmitTime(transmitted)
        .setIridiumLatitude(latitude)
        .setIridiumLongitude(longitude)
        .setIridiumCepKm(3 + device % 9)
        .setData(ByteBuffer.wrap(payload(n, latitude, longitude, transmitted.minusSeconds(30))))
        .setDeviceType("ROCKBLOCK")
        .setAttributes(Map.of())
        .setIridiumSessionStatus(0)
        .setSignatureVerified(n % 2 == 1)
        .build();
  }

  private static byte[] payload(long n, double latitude, double longitude, Instant fixed) {
    int kind = (int) (n % 10);
    if (kind == 9) {
      // A modem's own binary format, not decoded beyond its bytes.
      return new byte[] {0x01, (byte) 0xff, 0x10, (byte) (n & 0xff), (byte) (n >> 8 & 0xff)};
    }
    String lat = nmea(Math.abs(latitude), 2);
    String lon = nmea(Math.abs(longitude), 3);
    String ns = latitude >= 0 ? "N" : "S";
    String ew = longitude >= 0 ? "E" : "W";
    String text =
        kind < 6
            ? String.format(
                Locale.ROOT,
                "PK001;lat:%s,NS:%s,lon:%s,EW:%s,utc:%s,batt:%.1f",
                lat,
                ns,
                lon,
                ew,
                FIX_TIME.format(fixed),
                3.4 + kind * 0.1)
            : String.format(
                Locale.ROOT,
                "PK004;%s,%s,%s,%s,%.1f,%d,%s",
                lat,
                ns,
                lon,
                ew,
                kind * 0.7,
                (n * 37) % 360,
                FIX_TIME.format(fixed));
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** Decimal degrees as NMEA {@code [d]ddmm.mmmm}. */
  private static String nmea(double degrees, int degreeDigits) {
    int whole = (int) degrees;
    // Capped so that rounding to four decimals never prints 60 minutes.
    double minutes = Math.min((degrees - whole) * 60, 59.9999);
    return String.format(Locale.ROOT, "%0" + degreeDigits + "d%07.4f", whole, minutes);
  }
}
