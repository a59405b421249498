package dev.signalyard.benchmarks;

import java.util.function.Function;

/**
 * The {@code main} of every benchmark: reads the options, runs the benchmark and exits with its
 * status. A bad option prints its message and the usage and exits 2; a run that throws prints the
 * stack trace and exits 1.
 *
 * <p>It always ends with {@link System#exit}: HTTP clients', SSE clients' and Reactor's threads
 * would keep the JVM alive, and everything that needs a clean stop (application contexts,
 * producers, brokers) is closed by the time the benchmark returns.
 */
final class BenchmarkProgram {

  /** A benchmark run; returns the exit status. */
  @FunctionalInterface
  interface Run<O> {
    int run(O options) throws Exception;
  }

  private BenchmarkProgram() {}

  /**
   * Parses {@code args} with {@code parse}, which throws {@link IllegalArgumentException} on a bad
   * option, runs {@code benchmark} and exits.
   */
  static <O> void main(String[] args, Function<String[], O> parse, String usage, Run<O> benchmark) {
    O options;
    try {
      options = parse.apply(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(usage);
      System.exit(2);
      return;
    }
    int status;
    try {
      status = benchmark.run(options);
    } catch (Exception e) {
      e.printStackTrace();
      status = 1;
    }
    System.exit(status);
  }
}
