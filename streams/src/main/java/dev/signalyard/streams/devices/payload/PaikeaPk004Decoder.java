package dev.signalyard.streams.devices.payload;

/**
 * Paikea position and velocity, positional CSV after {@code PK004;} or {@code PK004,} (both are in
 * use): {@code lat,NS,lon,EW,sog,cog,utc} with an optional eighth field, the status flags, as the
 * handset form carries them.
 *
 * <p>Thread-safety: stateless.
 */
public final class PaikeaPk004Decoder implements PayloadDecoder {

  private static final int PREFIX_LENGTH = "PK004;".length();

  @Override
  public boolean supports(Payload payload) {
    return PaikeaFields.rockBlockDevice(payload)
        && (payload.startsWith("PK004;") || payload.startsWith("PK004,"));
  }

  @Override
  public DecodedPayload decode(Payload payload) {
    String[] f = PaikeaFields.body(payload, PREFIX_LENGTH).split(",", -1);
    if (f.length != 7 && f.length != 8) {
      throw new UndecodablePayloadException(
          "expected 7 or 8 fields lat,NS,lon,EW,sog,cog,utc[,sta], got " + f.length);
    }
    return new DecodedPayload(
        "PK004",
        new DecodedPayload.GpsFix(
            PaikeaFields.latitude(f[0].strip(), f[1].strip()),
            PaikeaFields.longitude(f[2].strip(), f[3].strip()),
            PaikeaFields.fixTime(f[6].strip(), payload.transmitTime())),
        null,
        PaikeaFields.optionalNumber("sog", f[4].strip()),
        PaikeaFields.optionalNumber("cog", f[5].strip()),
        f.length == 8 ? PaikeaFields.optionalInt("sta", f[7].strip()) : null);
  }
}
