package dev.signalyard.queryapi.commands;

import dev.signalyard.platform.web.InvalidRequestException;
import dev.signalyard.platform.web.Problems.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validated command request: the bytes to send and whether to flush the device's MT queue.
 *
 * <p>Thread-safety: immutable (the payload array is not shared after parsing).
 *
 * @param payload the decoded bytes, 1 to {@value #MAX_BYTES}
 * @param flush whether RockBLOCK should flush the device's MT queue first
 */
record CommandRequest(byte[] payload, boolean flush) {

  /** RockBLOCK's MT limit (9602/9603); a longer message would be refused with error 15. */
  static final int MAX_BYTES = 270;

  private static final Pattern IMEI = Pattern.compile("\\d{15}");
  private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2})*");
  private static final Set<String> FIELDS = Set.of("text", "hex", "flush");

  /**
   * Validates the path's {@code imei} and the JSON body: exactly one of {@code text} (sent as
   * UTF-8) and {@code hex}, at most {@value #MAX_BYTES} bytes decoded, and an optional boolean
   * {@code flush}.
   *
   * @throws InvalidRequestException naming every bad field
   */
  static CommandRequest parse(String imei, Map<String, Object> body) {
    List<FieldError> errors = new ArrayList<>();
    if (!IMEI.matcher(imei).matches()) {
      errors.add(new FieldError("imei", "must be 15 digits"));
    }
    if (body == null) {
      errors.add(new FieldError("body", "must be a JSON object with text or hex"));
      throw new InvalidRequestException(errors);
    }
    body.keySet().stream()
        .filter(field -> !FIELDS.contains(field))
        .sorted()
        .forEach(field -> errors.add(new FieldError(field, "is not a known field")));
    Object text = body.get("text");
    Object hex = body.get("hex");
    byte[] payload = null;
    if (text != null && hex != null) {
      errors.add(new FieldError("text", "give either text or hex, not both"));
      errors.add(new FieldError("hex", "give either text or hex, not both"));
    } else if (text == null && hex == null) {
      errors.add(new FieldError("text", "give either text or hex"));
      errors.add(new FieldError("hex", "give either text or hex"));
    } else if (text != null) {
      payload = text instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : null;
      checkPayload("text", payload, "must be a string", errors);
    } else {
      payload =
          hex instanceof String s && HEX.matcher(s).matches() ? HexFormat.of().parseHex(s) : null;
      checkPayload("hex", payload, "must be a string of hex digit pairs", errors);
    }
    Object flush = body.get("flush");
    if (flush != null && !(flush instanceof Boolean)) {
      errors.add(new FieldError("flush", "must be true or false"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return new CommandRequest(payload, Boolean.TRUE.equals(flush));
  }

  private static void checkPayload(
      String field, byte[] payload, String typeMessage, List<FieldError> errors) {
    if (payload == null) {
      errors.add(new FieldError(field, typeMessage));
    } else if (payload.length == 0) {
      errors.add(new FieldError(field, "must not be empty"));
    } else if (payload.length > MAX_BYTES) {
      errors.add(
          new FieldError(field, "must be at most " + MAX_BYTES + " bytes, got " + payload.length));
    }
  }
}
