package dev.signalyard.ingest.commands;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An answer of RockBLOCK's MT endpoint, parsed from its {@code text/plain} body: {@code OK,<mtId>}
 * or {@code FAILED,<code>,<description>} (the description may itself hold commas).
 *
 * <p>Thread-safety: immutable.
 */
sealed interface MtAnswer {

  /** RockBLOCK queued the message for the device under {@code mtId}. */
  record Queued(String mtId) implements MtAnswer {}

  /**
   * RockBLOCK refused the message.
   *
   * @param code the numeric code as sent
   * @param description RockBLOCK's description, or the documented one when it sent none
   */
  record Refused(int code, String description) implements MtAnswer {

    /** Whether another attempt may succeed: only for the documented transient codes. */
    boolean isTransient() {
      return MtErrorCode.of(code).map(MtErrorCode::isTransient).orElse(false);
    }
  }

  Pattern OK = Pattern.compile("OK,(\\S+)");
  Pattern FAILED = Pattern.compile("FAILED,(\\d{1,9})(?:,(.*))?", Pattern.DOTALL);

  /** The answer in {@code body}, or empty when the body is not one of RockBLOCK's answers. */
  static Optional<MtAnswer> parse(String body) {
    String text = body == null ? "" : body.strip();
    Matcher ok = OK.matcher(text);
    if (ok.matches()) {
      return Optional.of(new Queued(ok.group(1)));
    }
    Matcher failed = FAILED.matcher(text);
    if (failed.matches()) {
      int code = Integer.parseInt(failed.group(1));
      String description = failed.group(2) == null ? "" : failed.group(2).strip();
      if (description.isEmpty()) {
        description = MtErrorCode.of(code).map(MtErrorCode::meaning).orElse("");
      }
      return Optional.of(new Refused(code, description));
    }
    return Optional.empty();
  }
}
