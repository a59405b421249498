package dev.signalyard.ingest.commands;

import java.util.Arrays;
import java.util.Optional;

/**
 * The error codes RockBLOCK's MT endpoint answers with ({@code FAILED,<code>,<description>}) and
 * whether trying again can help. Only 99 (a fault on RockBLOCK's side) is transient; the others
 * need a person to fix the account, the device or the message.
 *
 * <p>Thread-safety: immutable.
 */
enum MtErrorCode {
  INVALID_CREDENTIALS(10, "Invalid login credentials", false),
  UNKNOWN_IMEI(11, "No RockBLOCK with this IMEI found on your account", false),
  NO_LINE_RENTAL(12, "RockBLOCK has no line rental", false),
  INSUFFICIENT_CREDIT(13, "Your account has insufficient credit", false),
  BAD_HEX(14, "Could not decode hex data", false),
  TOO_LONG(15, "Data too long", false),
  NO_DATA(16, "No data", false),
  SYSTEM_ERROR(99, "System Error", true);

  private final int code;
  private final String meaning;
  private final boolean transientError;

  MtErrorCode(int code, String meaning, boolean transientError) {
    this.code = code;
    this.meaning = meaning;
    this.transientError = transientError;
  }

  static Optional<MtErrorCode> of(int code) {
    return Arrays.stream(values()).filter(c -> c.code == code).findFirst();
  }

  int code() {
    return code;
  }

  /** The documented description, used when an answer carries none. */
  String meaning() {
    return meaning;
  }

  boolean isTransient() {
    return transientError;
  }
}
