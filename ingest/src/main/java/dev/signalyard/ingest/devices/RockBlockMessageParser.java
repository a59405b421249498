package dev.signalyard.ingest.devices;

import dev.signalyard.ingest.web.PayloadTooLargeException;
import dev.signalyard.platform.web.InvalidRequestException;
import dev.signalyard.platform.web.Problems.FieldError;
import dev.signalyard.schemas.devices.RawDeviceReport;
import dev.signalyard.schemas.devices.RawReportFormat;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads a RockBLOCK MO delivery (the fields of the form or JSON post) into a {@link
 * RawDeviceReport}, or rejects it naming every bad field.
 *
 * <p>Field rules follow RockBLOCK's documentation: {@code imei} is 15 digits, {@code momsn}
 * 0..65535, {@code transmit_time} is UTC {@code yy-MM-dd HH:mm:ss}, {@code iridium_cep} is in km,
 * {@code data} is hex and at most 340 bytes (the MO limit of the 9602/9603 modems), {@code
 * iridium_session_status} is optional and 0..255. Unknown fields are kept verbatim in {@code
 * attributes}. Stateless and thread-safe.
 */
public final class RockBlockMessageParser {

  static final int MAX_PAYLOAD_BYTES = 340;
  private static final Pattern IMEI = Pattern.compile("\\d{15}");
  private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2})*");
  private static final DateTimeFormatter TRANSMIT_TIME =
      DateTimeFormatter.ofPattern("yy-MM-dd HH:mm:ss");
  private static final Set<String> KNOWN =
      Set.of(
          "imei",
          "serial",
          "momsn",
          "transmit_time",
          "iridium_latitude",
          "iridium_longitude",
          "iridium_cep",
          "data",
          "device_type",
          "iridium_session_status",
          "JWT");

  private final Clock clock;

  public RockBlockMessageParser(Clock clock) {
    this.clock = clock;
  }

  /**
   * Parses the posted fields (or a verified JWT's claims). Throws {@link PayloadTooLargeException}
   * when {@code data} holds more than 340 bytes, whatever else is wrong, since such a post cannot
   * be a RockBLOCK MO message; otherwise {@link InvalidRequestException} listing every bad field.
   *
   * @param signatureVerified whether {@code fields} are the claims of a verified JWT
   */
  public RawDeviceReport parse(
      Map<String, String> fields, RawReportFormat format, boolean signatureVerified) {
    Fields f = new Fields(fields);
    String imei = f.required("imei", v -> IMEI.matcher(v).matches(), "must be 15 digits");
    Long momsn = f.number("momsn", 0, 65_535, "must be an integer from 0 to 65535");
    LocalDateTime transmitTime = f.transmitTime();
    Double latitude = f.decimal("iridium_latitude", -90, 90);
    Double longitude = f.decimal("iridium_longitude", -180, 180);
    Double cep = f.decimal("iridium_cep", 0, 20_000);
    String data = f.payload();
    Long serial = f.optionalNumber("serial", Long.MIN_VALUE, Long.MAX_VALUE);
    Long sessionStatus = f.optionalNumber("iridium_session_status", 0, 255);
    if (f.oversizedBytes > 0) {
      throw new PayloadTooLargeException(
          "data is "
              + f.oversizedBytes
              + " bytes; RockBLOCK MO messages carry at most "
              + MAX_PAYLOAD_BYTES
              + ". Nothing was accepted.");
    }
    if (!f.errors.isEmpty()) {
      throw new InvalidRequestException(f.errors);
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    fields.forEach(
        (name, value) -> {
          if (!KNOWN.contains(name)) {
            attributes.put(name, value);
          }
        });
    return RawDeviceReport.newBuilder()
        .setId(UUID.randomUUID().toString())
        .setReceivedAt(clock.instant())
        .setFormat(format)
        .setImei(imei)
        .setSerial(serial)
        .setMomsn(momsn.intValue())
        .setTransmitTime(transmitTime.toInstant(ZoneOffset.UTC))
        .setIridiumLatitude(latitude)
        .setIridiumLongitude(longitude)
        .setIridiumCepKm(cep)
        .setData(ByteBuffer.wrap(HexFormat.of().parseHex(data)))
        .setDeviceType(blankToNull(fields.get("device_type")))
        .setAttributes(attributes)
        .setIridiumSessionStatus(sessionStatus == null ? null : sessionStatus.intValue())
        .setSignatureVerified(signatureVerified)
        .build();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  /**
   * Collects every field error instead of stopping at the first, so senders can fix all at once.
   */
  private static final class Fields {
    private final Map<String, String> values;
    private final List<FieldError> errors = new ArrayList<>();
    private int oversizedBytes;

    Fields(Map<String, String> values) {
      this.values = values;
    }

    private String value(String name) {
      String value = values.get(name);
      if (value == null || value.isBlank()) {
        errors.add(new FieldError(name, "is required"));
        return null;
      }
      return value.trim();
    }

    String required(String name, java.util.function.Predicate<String> valid, String rule) {
      String value = value(name);
      if (value != null && !valid.test(value)) {
        errors.add(new FieldError(name, rule + ", got '" + value + "'"));
        return null;
      }
      return value;
    }

    Long number(String name, long min, long max, String rule) {
      String value = value(name);
      if (value == null) {
        return null;
      }
      try {
        long parsed = Long.parseLong(value);
        if (parsed >= min && parsed <= max) {
          return parsed;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      errors.add(new FieldError(name, rule + ", got '" + value + "'"));
      return null;
    }

    Long optionalNumber(String name, long min, long max) {
      String value = values.get(name);
      if (value == null || value.isBlank()) {
        return null;
      }
      try {
        long parsed = Long.parseLong(value.trim());
        if (parsed >= min && parsed <= max) {
          return parsed;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      String range = min == Long.MIN_VALUE ? "" : " from " + min + " to " + max;
      errors.add(new FieldError(name, "must be an integer" + range + ", got '" + value + "'"));
      return null;
    }

    Double decimal(String name, double min, double max) {
      String value = value(name);
      if (value == null) {
        return null;
      }
      try {
        double parsed = Double.parseDouble(value);
        if (parsed >= min && parsed <= max) {
          return parsed;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      errors.add(
          new FieldError(
              name,
              "must be a number from " + fmt(min) + " to " + fmt(max) + ", got '" + value + "'"));
      return null;
    }

    LocalDateTime transmitTime() {
      String value = value("transmit_time");
      if (value == null) {
        return null;
      }
      try {
        return LocalDateTime.parse(value, TRANSMIT_TIME);
      } catch (DateTimeParseException e) {
        errors.add(
            new FieldError(
                "transmit_time", "must be UTC 'yy-MM-dd HH:mm:ss', got '" + value + "'"));
        return null;
      }
    }

    String payload() {
      String value = values.get("data");
      if (value == null) {
        errors.add(new FieldError("data", "is required (hex, may be empty)"));
        return null;
      }
      String hex = value.trim();
      if (!HEX.matcher(hex).matches()) {
        errors.add(new FieldError("data", "must be hex with an even number of digits"));
        return null;
      }
      if (hex.length() / 2 > MAX_PAYLOAD_BYTES) {
        oversizedBytes = hex.length() / 2;
        return null;
      }
      return hex;
    }

    private static String fmt(double v) {
      return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
  }
}
