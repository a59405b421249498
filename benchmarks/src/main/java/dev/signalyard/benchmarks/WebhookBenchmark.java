package dev.signalyard.benchmarks;

import dev.signalyard.ingest.IngestApplication;
import dev.signalyard.schemas.topics.TopicCatalog;
import dev.signalyard.testsupport.KafkaBrokerProcess;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Load benchmark of {@code POST /webhooks/rockblock} against a real Kafka broker, next to a bare
 * endpoint in the same server as the baseline.
 *
 * <p>In one run it starts a single-node KRaft broker in its own JVM ({@link KafkaBrokerProcess}),
 * starts the ingest application in this JVM with {@link BareEndpoint} added to its context, loads
 * both endpoints until the JIT compilers are quiet ({@link JitWarmup}), then warms up and measures
 * first the webhook, then the bare endpoint, each with a closed loop of fixed concurrency ({@link
 * ClosedLoopLoad}) and the same realistic RockBLOCK forms ({@link RockBlockForms}). It prints
 * throughput, latency percentiles and a CPU breakdown of both and their ratios, then checks that
 * every request the webhook answered 200 is on {@code device-reports-raw}: it prints {@code FAIL}
 * and exits 1 if any is missing, and exits 0 otherwise.
 *
 * <p>Run it with {@code benchmarks/run-webhook-benchmark.sh [--concurrency 32] [--warmup 10s]
 * [--duration 30s] [--jit-warmup 180s]}, which builds the module and starts this class; see {@code
 * docs/benchmarks.md} for measured figures and how to read them.
 */
public final class WebhookBenchmark {

  static final String WEBHOOK_PATH = "/webhooks/rockblock";
  private static final String TOPIC = TopicCatalog.DEVICE_REPORTS_RAW.name();

  private WebhookBenchmark() {}

  public static void main(String[] args) {
    BenchmarkProgram.main(
        args, BenchmarkOptions::parse, BenchmarkOptions.USAGE, WebhookBenchmark::run);
  }

  private static int run(BenchmarkOptions options) throws Exception {
    // Closed in reverse order: the application (and its producer) before the broker it talks to.
    try (KafkaBrokerProcess broker = KafkaBrokerProcess.start();
        ConfigurableApplicationContext ingest = startIngest(broker.bootstrapServers())) {
      int port = ((WebServerApplicationContext) ingest).getWebServer().getPort();
      ClosedLoopLoad load = new ClosedLoopLoad(ClosedLoopLoad.httpClient(), new RockBlockForms());

      URI webhook = uri(port, WEBHOOK_PATH);
      URI baseline = uri(port, BareEndpoint.PATH);

      progress("JIT warm-up of both endpoints (at most " + options.jitWarmup().toSeconds() + " s)");
      Map<String, Long> warmupOk =
          JitWarmup.run(
              load, List.of(webhook, baseline), options.concurrency(), options.jitWarmup());
      Measurement real = measure(load, webhook, options);
      // Counted now, before anything else could write to the topic.
      long onTopic = TopicRecordCount.of(broker.bootstrapServers(), TOPIC);
      Measurement bare = measure(load, baseline, options);

      BenchmarkReport.print(System.out, options, real, bare);
      long answeredOk = warmupOk.get(WEBHOOK_PATH) + real.load().okTotal();
      boolean complete = BenchmarkReport.delivery(System.out, TOPIC, onTopic, answeredOk);
      progress("Shutting down");
      return complete ? 0 : 1;
    }
  }

  private static Measurement measure(ClosedLoopLoad load, URI uri, BenchmarkOptions options)
      throws InterruptedException {
    progress("Loading " + uri.getPath() + " (" + describe(options) + ")");
    ClosedLoopLoad.Running running = load.start(uri, options);
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

  private static ConfigurableApplicationContext startIngest(String bootstrapServers) {
    SpringApplication application = IngestApplication.application();
    application.addPrimarySources(List.of(BareEndpoint.class));
    return application.run(
        "--server.port=0",
        "--spring.main.banner-mode=off",
        "--signalyard.kafka.bootstrap-servers=" + bootstrapServers,
        // Ingest's default, stated because the forms depend on it: like RockBLOCK's own form
        // posts they carry no JWT.
        "--signalyard.ingest.rockblock.unsigned-form=accept");
  }

  private static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static String describe(BenchmarkOptions options) {
    return "concurrency "
        + options.concurrency()
        + ", warm-up "
        + options.warmup().toSeconds()
        + " s, measuring "
        + options.duration().toSeconds()
        + " s";
  }

  private static void progress(String message) {
    System.out.println("==> " + message);
  }
}
