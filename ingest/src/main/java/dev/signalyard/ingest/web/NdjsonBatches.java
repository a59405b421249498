package dev.signalyard.ingest.web;

import dev.signalyard.platform.web.InvalidRequestException;
import dev.signalyard.platform.web.Problems.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Stores an {@code application/x-ndjson} webhook batch, one JSON object per line, the same way for
 * every webhook. The body is split at the byte {@code 0x0A}; blank lines (as the webhook defines
 * them) are skipped but counted in line numbers. Each other line is parsed on its own before any is
 * stored; a line whose parser throws {@link InvalidRequestException} is rejected with its errors,
 * the others are stored with at most {@value #IN_FLIGHT_PER_BATCH} awaiting acknowledgement at a
 * time, and the answer lists each line's outcome in order. A body without a non-blank line is
 * refused as a whole with {@link InvalidRequestException}; a failure to store is the failure of the
 * whole batch (lines stored before it stay stored).
 *
 * <p>Thread-safe: stateless.
 */
public final class NdjsonBatches {

  /** Lines of one batch awaiting Kafka's acknowledgement at the same time. */
  public static final int IN_FLIGHT_PER_BATCH = 32;

  private NdjsonBatches() {}

  /** Parses one line; throws {@link InvalidRequestException} when its content is invalid. */
  @FunctionalInterface
  public interface LineParser<T> {
    T parse(byte[] bytes, int offset, int length);
  }

  /** Whether the bytes {@code [from, to)} are a blank line. */
  @FunctionalInterface
  public interface BlankLine {
    boolean test(byte[] bytes, int from, int to);
  }

  /**
   * Parses and stores every non-blank line of {@code bytes}.
   *
   * @param bytes the raw body
   * @param blank which lines are skipped
   * @param parser parses one line
   * @param store stores one valid line; completes once it is acknowledged
   * @param empty the problem of a body without a non-blank line, e.g. {@code "holds no reports (one
   *     JSON object per line)"} (reported on field {@code body})
   */
  public static <T> Mono<BatchResult> store(
      byte[] bytes,
      BlankLine blank,
      LineParser<T> parser,
      Function<T, Mono<?>> store,
      String empty) {
    return Flux.defer(() -> Flux.fromIterable(lines(bytes, blank, parser, empty)))
        .flatMapSequential(
            line ->
                line.value() == null
                    ? Mono.just(BatchResult.Line.rejected(line.number(), line.errors()))
                    : store
                        .apply(line.value())
                        .thenReturn(BatchResult.Line.accepted(line.number())),
            IN_FLIGHT_PER_BATCH)
        // When Kafka is down the lines in flight fail together, and Reactor reports them as one
        // composite error; answer it as what each of them is (503).
        .onErrorMap(Exceptions::isMultiple, e -> Exceptions.unwrapMultiple(e).get(0))
        .collectList()
        .map(BatchResult::of);
  }

  /** The non-blank lines of a batch, each parsed on its own. */
  private static <T> List<ParsedLine<T>> lines(
      byte[] bytes, BlankLine blank, LineParser<T> parser, String empty) {
    List<ParsedLine<T>> lines = new ArrayList<>();
    int start = 0;
    int number = 1;
    // Splitting on the byte 0x0A is safe in UTF-8: it never occurs inside a multi-byte character.
    for (int i = 0; i <= bytes.length; i++) {
      if (i == bytes.length || bytes[i] == '\n') {
        if (!blank.test(bytes, start, i)) {
          lines.add(parse(parser, bytes, start, i - start, number));
        }
        start = i + 1;
        number++;
      }
    }
    if (lines.isEmpty()) {
      throw new InvalidRequestException(List.of(new FieldError("body", empty)));
    }
    return lines;
  }

  private static <T> ParsedLine<T> parse(
      LineParser<T> parser, byte[] bytes, int offset, int length, int number) {
    try {
      return new ParsedLine<>(number, parser.parse(bytes, offset, length), List.of());
    } catch (InvalidRequestException e) {
      return new ParsedLine<>(number, null, e.errors());
    }
  }

  /** One batch line: its parsed value when valid, otherwise why not. */
  private record ParsedLine<T>(int number, T value, List<FieldError> errors) {}
}
