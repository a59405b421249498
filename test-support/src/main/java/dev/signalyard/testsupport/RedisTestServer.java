package dev.signalyard.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.testcontainers.containers.GenericContainer;
import redis.embedded.RedisServer;

/**
 * A Redis server shared by every test in the JVM.
 *
 * <p>When a Docker engine is reachable it runs the {@value #IMAGE} image through Testcontainers;
 * otherwise it runs the Redis binary bundled with codemonstur's embedded-redis as a child process
 * bound to 127.0.0.1. Persistence is off in both, so nothing is written to disk.
 *
 * <p>Thread-safe: {@link #shared()} starts the server on first use and returns the same instance to
 * every caller; a JVM shutdown hook stops it. All methods may be called from any thread.
 *
 * <p>Use it from a Spring test with
 *
 * <pre>{@code
 * registry.add("spring.data.redis.url", () -> RedisTestServer.shared().uri());
 * }</pre>
 *
 * <p>Every test class in the JVM sees the same keyspace, so each test should use keys of its own.
 */
public final class RedisTestServer {

  static final String IMAGE = "redis:7";

  private static final JvmSingleton<RedisTestServer> SHARED =
      new JvmSingleton<>("Redis test server", RedisTestServer::start, RedisTestServer::stop);

  private static final int REDIS_PORT = 6379;

  private final String host;
  private final int port;
  private final boolean containerized;
  private final Runnable stopAction;

  private RedisTestServer(String host, int port, boolean containerized, Runnable stopAction) {
    this.host = host;
    this.port = port;
    this.containerized = containerized;
    this.stopAction = stopAction;
  }

  /** Returns the JVM's server, starting it on the first call. */
  public static RedisTestServer shared() {
    return SHARED.get();
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /** The server's URI, e.g. {@code redis://127.0.0.1:40123}. */
  public String uri() {
    return "redis://" + host + ":" + port;
  }

  @Override
  public String toString() {
    return "RedisTestServer["
        + (containerized ? IMAGE : "embedded")
        + " at "
        + host
        + ":"
        + port
        + "]";
  }

  private static RedisTestServer start() {
    return Docker.available() ? startContainer() : startEmbedded();
  }

  private static RedisTestServer startContainer() {
    GenericContainer<?> container =
        new GenericContainer<>(IMAGE)
            .withExposedPorts(REDIS_PORT)
            .withCommand("redis-server", "--save", "", "--appendonly", "no");
    container.start();
    return new RedisTestServer(
        container.getHost(), container.getMappedPort(REDIS_PORT), true, container::stop);
  }

  private static RedisTestServer startEmbedded() {
    int port = FreePorts.pick(1)[0];
    try {
      RedisServer server =
          RedisServer.newRedisServer()
              .port(port)
              // The builder writes this bind line into the generated redis.conf.
              .bind("127.0.0.1")
              .setting("save \"\"")
              .setting("appendonly no")
              .build();
      server.start();
      return new RedisTestServer("127.0.0.1", port, false, () -> stopEmbedded(server));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start embedded Redis on port " + port, e);
    }
  }

  private static void stopEmbedded(RedisServer server) {
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not stop embedded Redis", e);
    }
  }

  private void stop() {
    stopAction.run();
  }
}
