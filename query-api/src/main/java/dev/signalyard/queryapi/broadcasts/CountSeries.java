package dev.signalyard.queryapi.broadcasts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Broadcast counts of one session in consecutive windows. Immutable.
 *
 * @param session the session
 * @param window window length (ISO-8601 duration)
 * @param from start of the first window
 * @param to end of the range (exclusive)
 * @param buckets one per window that holds at least one broadcast, oldest first
 */
record CountSeries(
    String session, Duration window, Instant from, Instant to, List<Bucket> buckets) {

  /**
   * @param start window start (inclusive)
   * @param end window end (exclusive)
   * @param total broadcasts in the window
   * @param counts broadcasts per severity
   */
  record Bucket(Instant start, Instant end, long total, Map<String, Long> counts) {}
}
