package dev.signalyard.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Form-encoded RockBLOCK MO deliveries as a fleet of {@value #DEVICES} modems would send them: the
 * fields and their order follow a real capture (see {@code ingest/src/test/resources/rockblock}),
 * each modem counts its own {@code momsn} up from 0 and wraps at 65536 as the modem does, and the
 * payload is a Paikea-style position report of 61 bytes.
 *
 * <p>Thread-safe: {@link #next()} draws from one atomic sequence, so concurrent callers never send
 * the same (imei, momsn) pair until the counters wrap.
 */
final class RockBlockForms {

  static final int DEVICES = 100;

  private static final long FIRST_IMEI = 300_234_068_036_000L;
  private static final int FIRST_SERIAL = 16_000;
  private static final int MOMSN_RANGE = 65_536;
  private static final DateTimeFormatter TRANSMIT_TIME =
      DateTimeFormatter.ofPattern("yy-MM-dd HH:mm:ss");
  private static final String PAYLOAD =
      HexFormat.of()
          .formatHex(
              "PK001;lat:3776.4395,NS:N,lon:12235.56234,EW:W,utc:104140.0000"
                  .getBytes(StandardCharsets.US_ASCII));

  private final AtomicLong sequence = new AtomicLong();
  // The fields that never change for a modem are built once: the load generator shares the CPU
  // with the server under test, so it should spend as little of it as possible.
  private final String[] fieldsBeforeMomsn = new String[DEVICES];
  private final String[] fieldsAfterTransmitTime = new String[DEVICES];

  RockBlockForms() {
    for (int device = 0; device < DEVICES; device++) {
      fieldsBeforeMomsn[device] =
          "imei="
              + (FIRST_IMEI + device)
              + "&device_type=ROCKBLOCK&serial="
              + (FIRST_SERIAL + device)
              + "&momsn=";
      // Spread the fleet over a few degrees so that positions differ as they would in the field.
      fieldsAfterTransmitTime[device] =
          String.format(
              Locale.ROOT,
              "&iridium_latitude=%.4f&iridium_longitude=%.4f&iridium_cep=%d&data=%s",
              52.0 + device * 0.031,
              -3.5 + device * 0.047,
              3 + device % 9,
              PAYLOAD);
    }
  }

  /** The body of the next delivery, ready to post as {@code application/x-www-form-urlencoded}. */
  String next() {
    long n = sequence.getAndIncrement();
    int device = (int) (n % DEVICES);
    long momsn = (n / DEVICES) % MOMSN_RANGE;
    String transmitTime = LocalDateTime.now(ZoneOffset.UTC).format(TRANSMIT_TIME);
    return fieldsBeforeMomsn[device]
        + momsn
        + "&transmit_time="
        // Percent-encoded as in RockBLOCK's captures: only the space and the colons need it.
        + transmitTime.replace(" ", "%20").replace(":", "%3A")
        + fieldsAfterTransmitTime[device];
  }
}
