package dev.signalyard.ingest.broadcasts;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.signalyard.platform.web.Problems.FieldError;
import java.util.List;

/**
 * The answer to an NDJSON batch of broadcasts, in the shape of the device webhook's: counts and the
 * outcome of each non-blank line in order. Immutable.
 *
 * @param accepted lines stored (Kafka acknowledged them)
 * @param rejected lines refused for invalid content
 * @param results one entry per non-blank line
 */
record BroadcastBatchResult(int accepted, int rejected, List<Line> results) {

  static BroadcastBatchResult of(List<Line> results) {
    int accepted = (int) results.stream().filter(r -> r.status().equals(Line.ACCEPTED)).count();
    return new BroadcastBatchResult(accepted, results.size() - accepted, List.copyOf(results));
  }

  /**
   * @param line 1-based line number in the request body, counting blank lines
   * @param status {@code accepted} or {@code rejected}
   * @param errors why a rejected line was refused; absent for accepted lines
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record Line(int line, String status, List<FieldError> errors) {
    static final String ACCEPTED = "accepted";
    static final String REJECTED = "rejected";
  }
}
