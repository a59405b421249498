package dev.signalyard.streams.devices.payload;

import java.util.HashMap;
import java.util.Map;

/**
 * Paikea buoy position and health, {@code PK001;lat:3749.5074,NS:N,lon:12216.6021,EW:W,
 * utc:030501.086[,batt:4.7,sog:0.4,cog:212,sta:4]}: NMEA coordinates with hemispheres, GPS time of
 * day (dated by the transmit time), and optional battery volts, speed (knots), course (degrees) and
 * status flags. Unknown keys are ignored so that newer firmware still decodes.
 *
 * <p>Thread-safety: stateless.
 */
public final class PaikeaPk001Decoder implements PayloadDecoder {

  static final String PREFIX = "PK001;";

  @Override
  public boolean supports(Payload payload) {
    return PaikeaFields.rockBlockDevice(payload) && payload.startsWith(PREFIX);
  }

  @Override
  public DecodedPayload decode(Payload payload) {
    Map<String, String> fields = fields(PaikeaFields.body(payload, PREFIX.length()));
    return new DecodedPayload(
        "PK001",
        new DecodedPayload.GpsFix(
            PaikeaFields.latitude(fields.get("lat"), fields.get("NS")),
            PaikeaFields.longitude(fields.get("lon"), fields.get("EW")),
            PaikeaFields.fixTime(fields.get("utc"), payload.transmitTime())),
        PaikeaFields.optionalNumber("batt", fields.get("batt")),
        PaikeaFields.optionalNumber("sog", fields.get("sog")),
        PaikeaFields.optionalNumber("cog", fields.get("cog")),
        PaikeaFields.optionalInt("sta", fields.get("sta")));
  }

  private static Map<String, String> fields(String body) {
    Map<String, String> fields = new HashMap<>();
    for (String field : body.split(",", -1)) {
      int colon = field.indexOf(':');
      if (colon < 1) {
        throw new UndecodablePayloadException("field is not key:value: '" + field + "'");
      }
      if (fields.put(field.substring(0, colon).strip(), field.substring(colon + 1).strip())
          != null) {
        throw new UndecodablePayloadException("field appears twice: '" + field + "'");
      }
    }
    return fields;
  }
}
