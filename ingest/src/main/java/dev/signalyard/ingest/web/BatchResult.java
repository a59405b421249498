package dev.signalyard.ingest.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.signalyard.platform.web.Problems.FieldError;
import java.util.List;

/**
 * The answer to an NDJSON webhook batch (trackers and broadcasts alike): how many lines were stored
 * and rejected, and the outcome of each non-blank line in order. Immutable.
 *
 * @param accepted lines stored (Kafka acknowledged them)
 * @param rejected lines refused for invalid content; resending them unchanged will not help
 * @param results one entry per non-blank line
 */
public record BatchResult(int accepted, int rejected, List<Line> results) {

  public static BatchResult of(List<Line> results) {
    int accepted = (int) results.stream().filter(r -> r.status() == Status.accepted).count();
    return new BatchResult(accepted, results.size() - accepted, List.copyOf(results));
  }

  /** Outcome of one line. */
  public enum Status {
    accepted,
    rejected
  }

  /**
   * @param line 1-based line number in the request body, counting blank lines
   * @param status whether the line was stored
   * @param errors why a rejected line was refused; absent for accepted lines
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Line(int line, Status status, List<FieldError> errors) {

    public static Line accepted(int line) {
      return new Line(line, Status.accepted, List.of());
    }

    public static Line rejected(int line, List<FieldError> errors) {
      return new Line(line, Status.rejected, List.copyOf(errors));
    }
  }
}
