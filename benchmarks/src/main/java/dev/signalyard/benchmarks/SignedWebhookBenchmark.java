package dev.signalyard.benchmarks;

import dev.signalyard.ingest.IngestApplication;
import dev.signalyard.schemas.topics.TopicCatalog;
import dev.signalyard.testsupport.KafkaBrokerProcess;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.TreeMap;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Throughput and tail latency of {@code POST /webhooks/rockblock} with RockBLOCK's JWT signature
 * verification on, against a real Kafka broker.
 *
 * <p>It signs a pool of RockBLOCK JSON posts with a key pair of its own ({@link
 * SignedRockBlockPosts}), starts a single-node KRaft broker in its own JVM ({@link
 * KafkaBrokerProcess}) and the ingest application in this JVM with the pool's public key as {@code
 * signalyard.ingest.rockblock.public-key} (unsigned JSON posts stay refused, so every 200 is a
 * verified post). After a JIT warm-up it measures in two phases ({@link SignedWebhookLoad}):
 *
 * <ol>
 *   <li>a closed loop at fixed concurrency: the maximum throughput;
 *   <li>an open loop at half of that rate (or {@code --rate}): latency percentiles measured from
 *       each request's scheduled send time, checked against the target p99 of {@value
 *       #P99_TARGET_MILLIS} ms.
 * </ol>
 *
 * <p>Finally it checks that every request answered 200 is on {@code device-reports-raw}. Exit
 * status: 0 when both checks pass; 1 when a 200-answered post is missing or the run failed; 2 on a
 * bad option; 3 when the p99 target is missed. Run it with {@code
 * benchmarks/run-signed-webhook-benchmark.sh}; see {@code docs/benchmarks.md}.
 *
 * <p>A program, not a library: {@link #main} runs once, on one thread.
 */
public final class SignedWebhookBenchmark {

  static final double P99_TARGET_MILLIS = 25.0;

  private static final String TOPIC = TopicCatalog.DEVICE_REPORTS_RAW.name();
  private static final String WEBHOOK_PATH = "/webhooks/rockblock";
  private static final Duration JIT_SLICE = Duration.ofSeconds(5);
  private static final double JIT_QUIET_CORES = 0.10;
  private static final double DISTURBANCE_CORES = 0.10;

  private SignedWebhookBenchmark() {}

  public static void main(String[] args) {
    BenchmarkProgram.main(
        args, SignedWebhookOptions::parse, SignedWebhookOptions.USAGE, SignedWebhookBenchmark::run);
  }

  private static int run(SignedWebhookOptions options) throws Exception {
    progress("Signing " + options.pool() + " RockBLOCK JSON posts (RS256, 2048-bit key)");
    long signingStart = System.nanoTime();
    SignedRockBlockPosts posts = SignedRockBlockPosts.sign(options.pool());
    System.out.printf(
        Locale.ROOT, "    signed in %.1f s%n", (System.nanoTime() - signingStart) / 1e9);

    try (KafkaBrokerProcess broker = KafkaBrokerProcess.start();
        ConfigurableApplicationContext ingest =
            startIngest(broker.bootstrapServers(), posts.publicKeyPem())) {
      int port = ((WebServerApplicationContext) ingest).getWebServer().getPort();
      URI webhook = URI.create("http://127.0.0.1:" + port + WEBHOOK_PATH);
      SignedWebhookLoad load = new SignedWebhookLoad(ClosedLoopLoad.httpClient(), posts);

      long answeredOk = jitWarmup(load, webhook, options);

      progress(
          "Phase 1, closed loop: concurrency "
              + options.concurrency()
              + ", warm-up "
              + options.warmup().toSeconds()
              + " s, measuring "
              + options.duration().toSeconds()
              + " s");
      Measurement closed =
          measure(
              load.closedLoop(
                  webhook, options.concurrency(), options.warmup(), options.duration()));
      answeredOk += closed.load().okTotal();
      if (closed.load().okPerSecond() == 0) {
        errors(System.out, "closed loop", closed.load());
        System.out.println("FAIL: no post was answered 200 in the closed loop; nothing to measure");
        return 1;
      }

      double rate = options.rate() > 0 ? options.rate() : closed.load().okPerSecond() / 2;
      progress(
          String.format(
              Locale.ROOT,
              "Phase 2, open loop: %.0f req/s (%s) on %d senders, warm-up %d s, measuring %d s",
              rate,
              options.rate() > 0 ? "--rate" : "half of phase 1",
              options.openLoopSenders(),
              options.warmup().toSeconds(),
              options.duration().toSeconds()));
      Measurement open =
          measure(
              load.openLoop(
                  webhook, options.openLoopSenders(), rate, options.warmup(), options.duration()));
      answeredOk += open.load().okTotal();
      long onTopic = TopicRecordCount.of(broker.bootstrapServers(), TOPIC);

      PrintStream out = System.out;
      out.println();
      out.printf(
          Locale.ROOT,
          "Signed webhook benchmark: %d pre-signed JSON posts over %d modems, RS256 verified per"
              + " request%n",
          posts.size(),
          SignedRockBlockPosts.DEVICES);
      out.printf(
          Locale.ROOT,
          "%-34s %9s %7s %9s %8s %8s %8s %8s%n",
          "phase",
          "requests",
          "errors",
          "req/s",
          "p50 ms",
          "p90 ms",
          "p99 ms",
          "max ms");
      row(out, "closed loop, concurrency " + options.concurrency(), closed.load());
      row(out, String.format(Locale.ROOT, "open loop, %.0f req/s scheduled", rate), open.load());
      errors(out, "closed loop", closed.load());
      errors(out, "open loop", open.load());
      cpu(out, "closed loop", closed);
      cpu(out, "open loop", open);

      double p99 = open.load().percentileMillis(0.99);
      boolean fast = p99 <= P99_TARGET_MILLIS && open.load().errors() == 0;
      out.printf(
          Locale.ROOT,
          "%s: open-loop p99 %.2f ms at %.0f req/s (target <= %.0f ms at half of the maximum"
              + " throughput, no errors); maximum throughput %.0f req/s%n",
          fast ? "PASS" : "FAIL",
          p99,
          rate,
          P99_TARGET_MILLIS,
          closed.load().okPerSecond());
      boolean complete = onTopic >= answeredOk;
      out.printf(
          Locale.ROOT,
          "%s: %s holds %d records; the webhook answered 200 to %d signed posts%n",
          complete ? "PASS" : "FAIL",
          TOPIC,
          onTopic,
          answeredOk);
      progress("Shutting down");
      return !complete ? 1 : fast ? 0 : 3;
    }
  }

  /**
   * Closed-loop slices on the webhook until one slice keeps the JIT compilers below {@value
   * #JIT_QUIET_CORES} of a core, or the limit; returns the 200s given meanwhile.
   */
  private static long jitWarmup(SignedWebhookLoad load, URI webhook, SignedWebhookOptions options)
      throws InterruptedException {
    if (options.jitWarmup().isZero()) {
      return 0;
    }
    progress("JIT warm-up (at most " + options.jitWarmup().toSeconds() + " s)");
    long deadline = System.nanoTime() + options.jitWarmup().toNanos();
    long answeredOk = 0;
    boolean quiet = false;
    while (!quiet && System.nanoTime() < deadline) {
      CpuUsage.Sample before = CpuUsage.sample();
      SignedWebhookLoad.Running slice =
          load.closedLoop(webhook, options.concurrency(), Duration.ZERO, JIT_SLICE);
      Thread.sleep(JIT_SLICE.toMillis());
      double jit = CpuUsage.jitCores(CpuUsage.coresBetween(before, CpuUsage.sample()));
      answeredOk += slice.await().okTotal();
      System.out.printf(Locale.ROOT, "    JIT warm-up: JIT compilers used %.2f cores%n", jit);
      quiet = jit < JIT_QUIET_CORES;
    }
    System.out.println(
        quiet
            ? "    JIT warm-up done: the compilers are quiet"
            : "    JIT warm-up stopped at its limit; still compiling");
    return answeredOk;
  }

  private static Measurement measure(SignedWebhookLoad.Running running)
      throws InterruptedException {
    sleepUntil(running.windowStart());
    CpuUsage.Sample before = CpuUsage.sample();
    sleepUntil(running.windowEnd());
    CpuUsage.Sample after = CpuUsage.sample();
    return new Measurement(running.await(), CpuUsage.coresBetween(before, after));
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long remaining = nanoTime - System.nanoTime();
    if (remaining > 0) {
      Thread.sleep(remaining / 1_000_000, (int) (remaining % 1_000_000));
    }
  }

  private static ConfigurableApplicationContext startIngest(
      String bootstrapServers, String publicKeyPem) {
    SpringApplication application = IngestApplication.application();
    return application.run(
        "--server.port=0",
        "--spring.main.banner-mode=off",
        "--signalyard.kafka.bootstrap-servers=" + bootstrapServers,
        "--signalyard.ingest.rockblock.public-key=" + publicKeyPem,
        // Ingest's default, stated because the benchmark relies on it: a JSON post must carry
        // a JWT that verifies, so every 200 below went through RS256 verification.
        "--signalyard.ingest.rockblock.unsigned-json=reject");
  }

  private static void row(PrintStream out, String phase, LoadResult result) {
    out.printf(
        Locale.ROOT,
        "%-34s %9d %7d %9.1f %8.2f %8.2f %8.2f %8.2f%n",
        phase,
        result.requests(),
        result.errors(),
        result.okPerSecond(),
        result.percentileMillis(0.50),
        result.percentileMillis(0.90),
        result.percentileMillis(0.99),
        result.maxMillis());
  }

  private static void errors(PrintStream out, String phase, LoadResult result) {
    if (!result.errorKinds().isEmpty()) {
      out.printf(
          Locale.ROOT, "errors in the %s by kind: %s%n", phase, new TreeMap<>(result.errorKinds()));
      new TreeMap<>(result.errorExamples())
          .forEach((kind, text) -> out.printf(Locale.ROOT, "  e.g. %s: %s%n", kind, text));
    }
  }

  private static void cpu(PrintStream out, String phase, Measurement run) {
    out.printf(Locale.ROOT, "CPU during the measured window of the %s (cores):%n", phase);
    out.print(CpuUsage.describe(run.cpuCores(), run.load().window()));
    out.printf(
        Locale.ROOT,
        "  CPU per 200 answered, without the load generator: %.0f us%n",
        CpuUsage.serverCores(run.cpuCores()) / run.load().okPerSecond() * 1e6);
    double foreign = CpuUsage.foreignCores(run.cpuCores());
    if (foreign > DISTURBANCE_CORES) {
      out.printf(
          Locale.ROOT,
          "  WARNING: other processes used %.2f cores meanwhile; these figures are disturbed,"
              + " run again on a quiet machine%n",
          foreign);
    }
  }

  private static void progress(String message) {
    System.out.println("==> " + message);
  }
}
