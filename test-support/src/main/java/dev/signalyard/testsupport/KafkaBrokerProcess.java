package dev.signalyard.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker in a JVM process of its own, for fault tests that need to
 * kill the broker and bring it back.
 *
 * <p>{@link #start()} picks free loopback ports for the client and controller listeners, writes a
 * {@code server.properties} with every replication factor and min ISR set to 1 into a fresh
 * temporary directory, formats the log directory with Kafka's {@code StorageTool}, launches the
 * broker with this JVM's class path and waits until it answers. The broker logs at WARN into {@code
 * broker.log} in that directory; failures to start quote its last lines.
 *
 * <p>{@link #killHard()} sends SIGKILL, as a crashing machine would; {@link #restart()} brings the
 * broker back on the same ports with the same log directory, so clients reconnect and find the
 * records acknowledged before the kill. The broker halts by itself when the test JVM ends without
 * closing it.
 *
 * <p>Thread-safe: the methods that touch the process are synchronized. Each test owns its instance;
 * use try-with-resources or close it in {@code @AfterAll}:
 *
 * <pre>{@code
 * try (KafkaBrokerProcess broker = KafkaBrokerProcess.start()) {
 *   // produce to broker.bootstrapServers()
 *   broker.killHard();
 *   // assert the application notices
 *   broker.restart();
 *   // assert the application recovers
 * }
 * }</pre>
 */
public final class KafkaBrokerProcess implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerProcess.class);

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
  private static final int LOG_TAIL_LINES = 40;

  // C1 only and the serial collector: the broker carries test traffic, and on a two-core machine
  // fast start-up matters more than peak throughput.
  private static final List<String> JVM_OPTIONS =
      List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private static final String LOGBACK_CONFIG =
      """
      <configuration>
        <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">
          <encoder>
            <pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern>
          </encoder>
        </appender>
        <root level="WARN">
          <appender-ref ref="CONSOLE"/>
        </root>
      </configuration>
      """;

  private final Path workDir;
  private final Path logFile;
  private final Path configFile;
  private final Path classPathArgFile;
  private final Path logbackFile;
  private final int port;
  private final Thread cleanupHook = new Thread(this::close, "kafka-broker-process cleanup");
  private Process process;
  private boolean closed;

  private KafkaBrokerProcess(Path workDir, int port) {
    this.workDir = workDir;
    this.logFile = workDir.resolve("broker.log");
    this.configFile = workDir.resolve("server.properties");
    this.classPathArgFile = workDir.resolve("classpath.args");
    this.logbackFile = workDir.resolve("logback.xml");
    this.port = port;
  }

  /** Starts a fresh broker with an empty log directory and waits until it answers. */
  public static KafkaBrokerProcess start() {
    int[] ports = FreePorts.pick(2);
    Path workDir;
    try {
      workDir = Files.createTempDirectory("signalyard-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create a directory for the Kafka broker", e);
    }
    KafkaBrokerProcess broker = new KafkaBrokerProcess(workDir, ports[0]);
    Runtime.getRuntime().addShutdownHook(broker.cleanupHook);
    try {
      broker.writeFiles(ports[1]);
      broker.format();
      broker.launch();
      return broker;
    } catch (IOException e) {
      broker.close();
      throw new UncheckedIOException("Could not write the Kafka broker's files", e);
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
  }

  /** The {@code bootstrap.servers} value for clients, e.g. {@code 127.0.0.1:40123}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** Whether the broker process is running. */
  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  /**
   * Kills the broker with SIGKILL, giving it no chance to shut down, and waits until it is gone.
   */
  public synchronized void killHard() {
    if (isAlive()) {
      process.destroyForcibly();
      awaitExit();
    }
  }

  /**
   * Starts the broker again on the same ports with the same log directory and waits until it
   * answers. A broker that is still running is shut down gracefully first.
   */
  public synchronized void restart() {
    if (closed) {
      throw new IllegalStateException("The Kafka broker process is closed");
    }
    if (isAlive()) {
      process.destroy();
      awaitExit();
    }
    launch();
  }

  /** Kills the broker if it runs and deletes its directory. Calling it again does nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    killHard();
    try {
      Runtime.getRuntime().removeShutdownHook(cleanupHook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down, and this may be the hook itself running.
    }
    try {
      Utils.delete(workDir.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete " + workDir, e);
    }
  }

  @Override
  public String toString() {
    return "KafkaBrokerProcess[" + bootstrapServers() + ", " + workDir + "]";
  }

  private void writeFiles(int controllerPort) throws IOException {
    String config =
        String.join(
            "\n",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
            "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
            "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
            "controller.listener.names=CONTROLLER",
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "inter.broker.listener.name=PLAINTEXT",
            "log.dirs=" + workDir.resolve("data"),
            "num.partitions=1",
            "default.replication.factor=1",
            "min.insync.replicas=1",
            "offsets.topic.replication.factor=1",
            "offsets.topic.num.partitions=1",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "transaction.state.log.num.partitions=1",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            // After a restart the controller gives the killed incarnation's registration a fresh
            // session, and the new incarnation may only register once that session expires: the
            // default 9 s would add 9 s to every restart().
            "broker.heartbeat.interval.ms=500",
            "broker.session.timeout.ms=3000",
            "");
    Files.writeString(configFile, config);
    Files.writeString(logbackFile, LOGBACK_CONFIG);
    // The class path goes into a java @argument file: a test JVM's class path can exceed the
    // operating system's limit on the length of a single command-line argument.
    Files.writeString(classPathArgFile, "-cp \"" + argFileEscape(testClassPath()) + "\"\n");
  }

  private static String testClassPath() {
    // Under surefire this is a single manifest-only jar whose Class-Path names every dependency;
    // the broker JVM resolves it the same way.
    String classPath = System.getProperty("java.class.path", "");
    if (classPath.isEmpty()) {
      throw new IllegalStateException("java.class.path is empty; cannot start a Kafka broker JVM");
    }
    return classPath;
  }

  private static String argFileEscape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private void format() {
    String clusterId = Uuid.randomUuid().toString();
    Process formatter =
        startJava(
            "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", configFile.toString());
    try {
      if (!formatter.waitFor(FORMAT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        formatter.destroyForcibly();
        throw failure("Formatting the log directory did not finish within " + FORMAT_TIMEOUT);
      }
    } catch (InterruptedException e) {
      formatter.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while formatting the Kafka log directory", e);
    }
    if (formatter.exitValue() != 0) {
      throw failure("Formatting the log directory failed with exit code " + formatter.exitValue());
    }
  }

  private void launch() {
    long startNanos = System.nanoTime();
    process = startJava(BrokerProcessMain.class.getName(), configFile.toString());
    awaitReady();
    LOG.info(
        "Kafka broker process {} answers after {} ms",
        this,
        (System.nanoTime() - startNanos) / 1_000_000);
  }

  private Process startJava(String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.add("@" + classPathArgFile);
    command.addAll(JVM_OPTIONS);
    command.add("-Dlogback.configurationFile=" + logbackFile);
    command.add(mainClass);
    command.addAll(List.of(args));
    try {
      // Standard input stays a pipe from this JVM: BrokerProcessMain watches it.
      return new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start " + command.get(0), e);
    }
  }

  private static String javaExecutable() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw failure("The broker exited with code " + process.exitValue() + " while starting");
      }
      // A plain connect first: an admin client polling a port nobody listens on yet would log a
      // warning on every attempt.
      if (acceptsConnections() && answersDescribeCluster()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw failure("The broker did not answer within " + READY_TIMEOUT);
      }
      sleep(POLL_INTERVAL);
    }
  }

  private boolean acceptsConnections() {
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
          (int) POLL_INTERVAL.toMillis());
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private boolean answersDescribeCluster() {
    Map<String, Object> config =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
    try (Admin admin = Admin.create(config)) {
      Collection<Node> nodes = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
      return !nodes.isEmpty();
    } catch (ExecutionException | TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
    }
  }

  private void awaitExit() {
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          throw failure("The broker process did not exit");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the Kafka broker to exit", e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
    }
  }

  private IllegalStateException failure(String message) {
    return new IllegalStateException(
        message + " (" + this + "). Last lines of " + logFile + ":\n" + logTail());
  }

  private String logTail() {
    try {
      // Decoding leniently: a half-written last line must not hide the lines before it.
      List<String> lines =
          new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8).lines().toList();
      return String.join(
          "\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(could not read the log: " + e + ")";
    }
  }
}
