package dev.signalyard.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads every endpoint in turn, in short slices, until the JIT compilers go quiet, so that neither
 * endpoint is measured while the JVM is still compiling.
 *
 * <p>Why: the ingest application, Netty, Reactor, the Kafka client and Avro are a lot of code to
 * compile, and on 2 cores the C2 compiler thread competes with the load for CPU. On the 2-core
 * machine of docs/benchmarks.md, C2 still used about 0.4 of the 2 cores 60 s into the load, and the
 * endpoint measured second looked several times faster than the same endpoint measured first. A
 * per-endpoint warm-up of a few seconds cannot fix that; this warm-up ends when a whole round of
 * slices, one per endpoint, kept the JIT compilers below {@value #QUIET_CORES} of a core, or at the
 * time limit.
 */
final class JitWarmup {

  private static final Duration SLICE = Duration.ofSeconds(5);
  private static final double QUIET_CORES = 0.10;

  private JitWarmup() {}

  /**
   * Runs the warm-up for at most {@code limit} (zero skips it) and returns, per endpoint path, how
   * many of its requests were answered 200.
   */
  static Map<String, Long> run(
      ClosedLoopLoad load, List<URI> endpoints, int concurrency, Duration limit)
      throws InterruptedException {
    Map<String, Long> answeredOk = new LinkedHashMap<>();
    endpoints.forEach(endpoint -> answeredOk.put(endpoint.getPath(), 0L));
    if (limit.isZero()) {
      return answeredOk;
    }
    long deadline = System.nanoTime() + limit.toNanos();
    BenchmarkOptions slice = new BenchmarkOptions(concurrency, Duration.ZERO, SLICE, Duration.ZERO);
    boolean quiet = false;
    while (!quiet && System.nanoTime() < deadline) {
      quiet = true;
      for (URI endpoint : endpoints) {
        CpuUsage.Sample before = CpuUsage.sample();
        ClosedLoopLoad.Running running = load.start(endpoint, slice);
        Thread.sleep(SLICE.toMillis());
        double jit = CpuUsage.jitCores(CpuUsage.coresBetween(before, CpuUsage.sample()));
        answeredOk.merge(endpoint.getPath(), running.await().okTotal(), Long::sum);
        System.out.printf(
            Locale.ROOT,
            "    JIT warm-up: %-20s JIT compilers used %.2f cores%n",
            endpoint.getPath(),
            jit);
        quiet &= jit < QUIET_CORES;
      }
    }
    System.out.println(
        quiet
            ? "    JIT warm-up done: the compilers are quiet"
            : "    JIT warm-up stopped at its limit of "
                + limit.toSeconds()
                + " s; still compiling");
    return answeredOk;
  }
}
