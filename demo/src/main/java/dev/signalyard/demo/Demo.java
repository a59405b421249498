package dev.signalyard.demo;

import dev.signalyard.ingest.IngestApplication;
import dev.signalyard.queryapi.QueryApiApplication;
import dev.signalyard.streams.StreamsApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The whole system on one machine: an embedded KRaft broker, an embedded PostgreSQL server, the
 * three services (each its own Spring context, as they would be their own processes in production)
 * and the demo feed. {@link #close()} stops everything in reverse order and deletes the temporary
 * data.
 *
 * <p>Not thread-safe: start and close it from one thread (close may come from a shutdown hook).
 */
final class Demo implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Demo.class);

  /** Time between two drunc messages of the broadcast feed: a lively but readable stream. */
  private static final Duration BROADCAST_INTERVAL = Duration.ofSeconds(2);

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final Path workDir;
  private String kafkaBootstrap;
  private String postgresUrl;
  private int queryApiPort;
  private int ingestPort;
  private int streamsPort;
  private int queryApiManagementPort;
  private int ingestManagementPort;
  private int streamsManagementPort;
  private DemoFeed feed;
  private DemoBroadcastFeed broadcastFeed;

  private Demo(Path workDir) {
    this.workDir = workDir;
  }

  /** Starts everything; on failure stops what had started and rethrows. */
  static Demo start(DemoSettings settings) throws IOException {
    Demo demo = new Demo(Files.createTempDirectory("signalyard-demo-"));
    try {
      demo.startAll(settings);
      return demo;
    } catch (RuntimeException | IOException e) {
      demo.close();
      throw e;
    }
  }

  private void startAll(DemoSettings settings) throws IOException {
    log.info("Starting embedded Kafka broker (KRaft)...");
    EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
    if (settings.kafkaPort() > 0) {
      broker.kafkaPorts(settings.kafkaPort());
    }
    broker.brokerProperties(
        Map.of(
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "offsets.topic.replication.factor", "1",
            "group.initial.rebalance.delay.ms", "0",
            "auto.create.topics.enable", "false"));
    // Kafka's test kit registers a JVM shutdown hook that deletes the broker's data. JVM hooks run
    // concurrently, so it would delete the data under the services and the broker while our own
    // hook still stops them in order. Collect its hooks and run them after the broker stopped.
    List<Runnable> kafkaExitHooks = new ArrayList<>();
    Exit.setShutdownHookAdder((name, hook) -> kafkaExitHooks.add(hook));
    try {
      broker.afterPropertiesSet();
    } finally {
      Exit.resetShutdownHookAdder();
    }
    started.push(
        () -> {
          broker.destroy();
          kafkaExitHooks.forEach(Runnable::run);
        });
    kafkaBootstrap = broker.getBrokersAsString();

    log.info("Starting embedded PostgreSQL...");
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(workDir.resolve("postgres"))
            .setCleanDataDirectory(true)
            .setPort(settings.postgresPort())
            // We stop it ourselves, after the services that may use it.
            .setRegisterShutdownHook(false)
            .start();
    started.push(postgres);
    postgresUrl = "r2dbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";

    String kafka = "--signalyard.kafka.bootstrap-servers=" + kafkaBootstrap;
    // Each service's actuator answers on its own management port: the service's default (9080,
    // 9081, 9082), or a random one when its API port is random (0).
    // The demo feed writes drunc broadcasts to control.<session>.* on the same broker, so the
    // bridge reads its "upstream" from there.
    ConfigurableApplicationContext ingest =
        run(
            IngestApplication.application(),
            "--server.port=" + settings.ingestPort(),
            kafka,
            "--signalyard.ingest.broadcasts.bridge-enabled=true",
            "--signalyard.ingest.broadcasts.metadata-max-age=2s");
    ingestPort = port(ingest);
    ingestManagementPort = managementPort(ingest);
    ConfigurableApplicationContext streams =
        run(
            StreamsApplication.application(),
            "--server.port=" + settings.streamsPort(),
            kafka,
            "--signalyard.streams.state-dir=" + workDir.resolve("streams-state"));
    streamsPort = port(streams);
    streamsManagementPort = managementPort(streams);
    ConfigurableApplicationContext queryApi =
        run(
            QueryApiApplication.application(),
            "--server.port=" + settings.queryApiPort(),
            kafka,
            "--signalyard.fleet.database.url=" + postgresUrl,
            "--signalyard.fleet.database.username=postgres",
            "--signalyard.fleet.database.password=postgres");
    queryApiPort = port(queryApi);
    queryApiManagementPort = managementPort(queryApi);

    feed =
        new DemoFeed(
            URI.create("http://127.0.0.1:" + ingestPort + "/webhooks/rockblock"),
            settings.devices(),
            settings.feedInterval(),
            Clock.systemUTC());
    feed.start();
    started.push(feed);

    broadcastFeed = new DemoBroadcastFeed(kafkaBootstrap, BROADCAST_INTERVAL, Clock.systemUTC());
    started.push(broadcastFeed);
    broadcastFeed.start();
  }

  /** Runs one service; it is closed with the demo. */
  private ConfigurableApplicationContext run(SpringApplication application, String... args) {
    // We close the contexts ourselves, in order, so that no service outlives the broker it needs.
    application.setRegisterShutdownHook(false);
    ConfigurableApplicationContext context =
        application.run(
            Stream.concat(
                    Stream.of(args),
                    // One logging system serves all three contexts: name services by logger, not
                    // by the application name of whichever context configured logging first.
                    Stream.of(
                        "--spring.main.banner-mode=off",
                        "--logging.include-application-name=false"))
                .toArray(String[]::new));
    started.push(context::close);
    return context;
  }

  /** The port a service's API listens on. */
  private static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  /** The port a service's actuator (health, metrics) listens on. */
  private static int managementPort(ConfigurableApplicationContext context) {
    return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.management.port"));
  }

  /** What the demo prints once everything runs. */
  String banner() {
    String api = "http://localhost:" + queryApiPort;
    return String.join(
        System.lineSeparator(),
        List.of(
            "",
            "================ Signalyard demo is running ================",
            "  Live device stream (SSE):  curl -N " + api + "/api/devices/stream",
            "  Live broadcasts (SSE):     curl -N " + api + "/api/broadcasts/stream",
            "  Run-control sessions:      " + api + "/api/sessions",
            "  Devices (JSON):            " + api + "/api/devices",
            "  One device:                " + api + "/api/devices/300234010753370",
            "  RockBLOCK webhook:         POST http://localhost:"
                + ingestPort
                + "/webhooks/rockblock",
            "  Health (management ports): " + health(queryApiManagementPort) + " (query-api)",
            "                             " + health(ingestManagementPort) + " (ingest)",
            "                             " + health(streamsManagementPort) + " (streams)",
            "  Kafka bootstrap servers:   " + kafkaBootstrap,
            "  PostgreSQL (R2DBC):        " + postgresUrl + " (user postgres, password postgres)",
            "  Demo feed:                 one RockBLOCK report per interval through the webhook",
            "  Broadcast feed:            drunc run control of session "
                + DemoBroadcastFeed.SESSION
                + " on control."
                + DemoBroadcastFeed.SESSION
                + ".*, every "
                + BROADCAST_INTERVAL.toSeconds()
                + " s",
            "  Stop with Ctrl-C: everything stops and " + workDir + " is deleted.",
            "============================================================",
            ""));
  }

  private static String health(int managementPort) {
    return "http://localhost:" + managementPort + "/actuator/health";
  }

  @Override
  public synchronized void close() {
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        log.warn("While stopping the demo: {}", e.toString());
      }
    }
    deleteRecursively(workDir);
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      log.warn("Could not delete {}: {}", dir, e.toString());
    }
  }

  Path workDir() {
    return workDir;
  }

  int queryApiPort() {
    return queryApiPort;
  }

  int ingestPort() {
    return ingestPort;
  }

  int queryApiManagementPort() {
    return queryApiManagementPort;
  }

  long feedAccepted() {
    return feed == null ? 0 : feed.accepted();
  }

  long broadcastsPublished() {
    return broadcastFeed == null ? 0 : broadcastFeed.published();
  }
}
