package dev.signalyard.ingest.commands;

/**
 * What one call to RockBLOCK's MT endpoint came to.
 *
 * <p>Thread-safety: immutable.
 */
sealed interface MtOutcome {

  /** RockBLOCK queued the message under {@code mtId}. */
  record Sent(String mtId) implements MtOutcome {}

  /**
   * The call failed.
   *
   * @param errorCode RockBLOCK's code ("10".."99"), {@code HTTP_<status>}, {@code NETWORK}, {@code
   *     TIMEOUT} or {@code BAD_ANSWER}
   * @param errorText what went wrong, for a human; never holds credentials
   * @param retryable whether another attempt may succeed
   */
  record Failed(String errorCode, String errorText, boolean retryable) implements MtOutcome {}
}
