package dev.signalyard.queryapi.stores;

import dev.signalyard.queryapi.QueryApiApplication;
import dev.signalyard.testsupport.FreePorts;
import dev.signalyard.testsupport.KafkaTestBroker;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * One query-api replica of a test deployment in a JVM process of its own, so that the whole replica
 * — web server, Kafka Streams client, snapshot consumers — can be stopped with SIGTERM or killed
 * with SIGKILL and started again, as Kubernetes does to a pod.
 *
 * <p>The replica runs {@link QueryApiApplication#main} on this JVM's class path (without the test
 * classes) with the settings {@link QueryReplica} uses, on an API port and a separate management
 * port picked once, so that a restart comes back on the same address (the one the other replicas
 * have in their metadata) with the same state directory. It logs into {@code
 * target/replica-processes/<name>.log} (one file over its restarts); failures quote the log's last
 * lines. It halts by itself when the test JVM ends without closing it.
 *
 * <p>Thread-safety: the methods that touch the process are synchronized; {@link #get} may be called
 * from any thread.
 */
final class ReplicaProcess implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(40);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
  private static final int LOG_TAIL_LINES = 60;
  private static final Path LOG_DIR = Path.of("target", "replica-processes");

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private static boolean classPathWritten;

  private final String name;
  private final String applicationId;
  private final Path stateDir;
  private final Map<String, String> extra;
  private final int port;
  private final int managementPort;
  private final Path logFile;
  private Process process;
  private int starts;

  ReplicaProcess(String name, String applicationId, Path stateDir, Map<String, String> extra) {
    this.name = name;
    this.applicationId = applicationId;
    this.stateDir = stateDir;
    this.extra = extra;
    int[] ports = FreePorts.pick(2);
    this.port = ports[0];
    this.managementPort = ports[1];
    this.logFile = LOG_DIR.resolve(name + ".log");
  }

  /** Launches the replica and waits until its readiness probe answers 200. */
  synchronized ReplicaProcess start() {
    if (isAlive()) {
      throw new IllegalStateException(name + " is already running");
    }
    starts++;
    try {
      Files.createDirectories(LOG_DIR);
      // A fresh log per test run, appended to by each restart.
      Files.writeString(
          logFile,
          "===== %s: start %d on port %d =====%n".formatted(name, starts, port),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.WRITE,
          starts == 1 ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND);
      // Standard input stays a pipe from this JVM: Main watches it.
      process =
          new ProcessBuilder(command())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start " + name, e);
    }
    awaitReady();
    return this;
  }

  /** SIGTERM: graceful shutdown (drain requests, leave the group); waits until the JVM is gone. */
  synchronized void stop() {
    if (!isAlive()) {
      return;
    }
    // Through the handle: Process.destroy() also closes the replica's standard input, which Main
    // takes for the test JVM being gone and halts at once, skipping the graceful shutdown.
    process.toHandle().destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw failure("did not stop within " + STOP_TIMEOUT + " of SIGTERM");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** SIGKILL: no shutdown at all, as a crashed node; waits until the JVM is gone. */
  synchronized void kill() {
    if (!isAlive()) {
      return;
    }
    try {
      process.destroyForcibly().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  int port() {
    return port;
  }

  String name() {
    return name;
  }

  /** A GET on the API port; throws {@link IOException} when the replica does not answer. */
  HttpResponse<String> get(String pathAndQuery) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
            .timeout(Duration.ofSeconds(10))
            .build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The last lines of the replica's log, for failure messages. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join(
          System.lineSeparator(),
          lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() {
    kill();
  }

  private List<String> command() throws IOException {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("server.port", Integer.toString(port));
    properties.put("management.server.port", Integer.toString(managementPort));
    properties.put("spring.main.banner-mode", "off");
    properties.put(
        "signalyard.kafka.bootstrap-servers", KafkaTestBroker.shared().bootstrapServers());
    properties.put("signalyard.query.stores.enabled", "true");
    properties.put("signalyard.query.stores.application-id", applicationId);
    properties.put("signalyard.query.stores.advertised-host", "127.0.0.1");
    properties.put("signalyard.query.stores.state-dir", stateDir.toString());
    properties.put("signalyard.query.stores.internal-token", QueryReplica.TOKEN);
    // The test client and the forwarded lookups all come from 127.0.0.1, one rate-limit bucket.
    properties.put("signalyard.query.rate-limit.enabled", "false");
    properties.putAll(extra);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    // C1 only and the serial collector: on a two-core machine shared with the broker and the
    // other replica, start-up time matters more than peak throughput.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("@" + classPathArgFile());
    command.add(Main.class.getName());
    properties.forEach((k, v) -> command.add("--" + k + "=" + v));
    return command;
  }

  /**
   * A java @argument file with this JVM's class path minus the test classes, plus a directory with
   * only {@link Main}: the replica scans {@code dev.signalyard.queryapi} for components, and the
   * test classes there (test configurations) must not become part of it.
   */
  private static synchronized Path classPathArgFile() throws IOException {
    Path argFile = LOG_DIR.resolve("classpath.args").toAbsolutePath();
    if (classPathWritten) {
      return argFile;
    }
    Path testClasses = codeSource(ReplicaProcess.class);
    Path launcher = LOG_DIR.resolve("launcher").toAbsolutePath();
    String mainClassFile = Main.class.getName().replace('.', '/') + ".class";
    Files.createDirectories(launcher.resolve(mainClassFile).getParent());
    Files.copy(
        testClasses.resolve(mainClassFile),
        launcher.resolve(mainClassFile),
        StandardCopyOption.REPLACE_EXISTING);
    List<String> entries = new ArrayList<>();
    entries.add(launcher.toString());
    for (Path entry : classPath()) {
      if (!entry.normalize().equals(testClasses.normalize())) {
        entries.add(entry.toString());
      }
    }
    String classPath = String.join(File.pathSeparator, entries);
    Files.writeString(
        argFile, "-cp \"" + classPath.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n");
    classPathWritten = true;
    return argFile;
  }

  /**
   * This JVM's class path entries. Under surefire that is one manifest-only jar whose {@code
   * Class-Path} names every dependency and the class directories: its entries are listed instead.
   */
  private static List<Path> classPath() throws IOException {
    List<Path> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry).toAbsolutePath();
      String manifestClassPath = null;
      if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
        try (JarFile jar = new JarFile(path.toFile())) {
          Manifest manifest = jar.getManifest();
          manifestClassPath =
              manifest == null
                  ? null
                  : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
        }
      }
      if (manifestClassPath == null) {
        entries.add(path);
        continue;
      }
      entries.add(path);
      URI base = path.getParent().toUri();
      for (String reference : manifestClassPath.trim().split("\\s+")) {
        entries.add(Path.of(base.resolve(reference)));
      }
    }
    return entries;
  }

  private static Path codeSource(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw failure("exited with code " + process.exitValue() + " while starting");
      }
      if (ready()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        kill();
        throw failure("was not ready within " + READY_TIMEOUT);
      }
      try {
        Thread.sleep(POLL_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private boolean ready() {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness"))
            .timeout(Duration.ofSeconds(5))
            .build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException notYet) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private IllegalStateException failure(String what) {
    return new IllegalStateException(
        "Replica "
            + name
            + " (port "
            + port
            + ") "
            + what
            + "; last lines of "
            + logFile
            + ":"
            + System.lineSeparator()
            + logTail());
  }

  /**
   * Main class of the replica's JVM: {@link QueryApiApplication#main}, halted as soon as the test
   * JVM that started it is gone (its end of the standard-input pipe closes however it ends, SIGKILL
   * included), so no replica outlives an aborted test run.
   */
  static final class Main {

    private Main() {}

    public static void main(String[] args) {
      Thread watchdog = new Thread(Main::haltWhenParentIsGone, "parent-watchdog");
      watchdog.setDaemon(true);
      watchdog.start();
      QueryApiApplication.main(args);
    }

    private static void haltWhenParentIsGone() {
      try {
        System.in.transferTo(OutputStream.nullOutputStream());
      } catch (IOException e) {
        // A broken pipe means the same as end of input: the parent is gone.
      }
      Runtime.getRuntime().halt(1);
    }
  }
}
