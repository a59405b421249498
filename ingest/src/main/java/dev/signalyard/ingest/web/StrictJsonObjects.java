package dev.signalyard.ingest.web;

import dev.signalyard.platform.web.InvalidRequestException;
import dev.signalyard.platform.web.Problems.FieldError;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the one JSON object a webhook request (or NDJSON line) must hold, strictly: duplicate keys
 * are refused, as it is unclear which value is meant, and so is anything after the object. Anything
 * else is refused with {@link InvalidRequestException} naming the field {@code body}.
 *
 * <p>Thread-safe: stateless; the mapper is immutable.
 */
public final class StrictJsonObjects {

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private StrictJsonObjects() {}

  /**
   * The JSON object in {@code bytes[offset, offset + length)}.
   *
   * @param what what the object is, for the refusal {@code "must be a JSON object (one <what>)"}
   */
  public static JsonNode read(byte[] bytes, int offset, int length, String what) {
    JsonNode node;
    try {
      node = JSON.readTree(bytes, offset, length);
    } catch (JacksonException e) {
      throw new InvalidRequestException(
          List.of(new FieldError("body", "is not valid JSON: " + e.getOriginalMessage())));
    }
    if (node == null || !node.isObject()) {
      throw new InvalidRequestException(
          List.of(new FieldError("body", "must be a JSON object (one " + what + ")")));
    }
    return node;
  }
}
