package dev.signalyard.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A PostgreSQL 17 server shared by every test in the JVM.
 *
 * <p>When a Docker engine is reachable it runs the {@value #IMAGE} image through Testcontainers;
 * otherwise it runs zonky's embedded PostgreSQL binaries as a child process on 127.0.0.1. Both
 * start with durability switched off (no fsync, no synchronous commit), which is what a throwaway
 * test database wants.
 *
 * <p>Credentials are {@code postgres}/{@code postgres} in both cases. The embedded server
 * authenticates local connections by trust, so there the password is accepted without being
 * checked; zonky's binaries run the server as the unprivileged user {@code nobody} when the JVM
 * runs as root, which PostgreSQL would otherwise refuse.
 *
 * <p>Thread-safe: {@link #shared()} starts the server on first use and returns the same instance to
 * every caller; a JVM shutdown hook stops it. All methods may be called from any thread.
 *
 * <p>Tests isolate themselves by creating a database of their own:
 *
 * <pre>{@code
 * PostgresTestServer pg = PostgresTestServer.shared();
 * String db = pg.createDatabase("ingest");
 * registry.add("spring.datasource.url", () -> pg.jdbcUrl(db));
 * registry.add("spring.datasource.username", pg::username);
 * registry.add("spring.datasource.password", pg::password);
 * }</pre>
 */
public final class PostgresTestServer {

  static final String IMAGE = "postgres:17";

  private static final JvmSingleton<PostgresTestServer> SHARED =
      new JvmSingleton<>(
          "PostgreSQL test server", PostgresTestServer::start, PostgresTestServer::stop);

  private static final String USER = "postgres";
  private static final String PASSWORD = "postgres";
  private static final String DEFAULT_DATABASE = "postgres";
  private static final int POSTGRES_PORT = 5432;

  // PostgreSQL truncates identifiers at 63 bytes; keep room for the "_<sequence>" suffix.
  private static final int MAX_PREFIX_LENGTH = 50;

  private final String host;
  private final int port;
  private final boolean containerized;
  private final AutoCloseable server;
  private final AtomicInteger databaseSequence = new AtomicInteger();

  private PostgresTestServer(String host, int port, boolean containerized, AutoCloseable server) {
    this.host = host;
    this.port = port;
    this.containerized = containerized;
    this.server = server;
  }

  /** Returns the JVM's server, starting it on the first call. */
  public static PostgresTestServer shared() {
    return SHARED.get();
  }

  /** JDBC URL of the default {@code postgres} database. */
  public String jdbcUrl() {
    return jdbcUrl(DEFAULT_DATABASE);
  }

  /** JDBC URL of the given database, e.g. one made by {@link #createDatabase(String)}. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  /** R2DBC URL of the default database: {@code r2dbc:postgresql://127.0.0.1:<port>/postgres}. */
  public String r2dbcUrl() {
    return r2dbcUrl(DEFAULT_DATABASE);
  }

  /** R2DBC URL of the given database, e.g. one made by {@link #createDatabase(String)}. */
  public String r2dbcUrl(String database) {
    return "r2dbc:postgresql://" + host + ":" + port + "/" + database;
  }

  public String username() {
    return USER;
  }

  public String password() {
    return PASSWORD;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /**
   * Creates an empty database whose name starts with the prefix and is unique in this JVM, and
   * returns that name. The prefix is lower-cased and any character other than a letter, digit or
   * underscore becomes an underscore, so the name never needs quoting.
   */
  public String createDatabase(String prefix) {
    String name = sanitize(prefix) + "_" + databaseSequence.incrementAndGet();
    try (Connection connection = DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create database " + name, e);
    }
    return name;
  }

  private static String sanitize(String prefix) {
    String name =
        Objects.requireNonNull(prefix, "prefix").toLowerCase(Locale.ROOT).replaceAll("\\W", "_");
    if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
      name = "db_" + name;
    }
    return name.length() > MAX_PREFIX_LENGTH ? name.substring(0, MAX_PREFIX_LENGTH) : name;
  }

  @Override
  public String toString() {
    return "PostgresTestServer["
        + (containerized ? IMAGE : "embedded")
        + " at "
        + host
        + ":"
        + port
        + "]";
  }

  private static PostgresTestServer start() {
    return Docker.available() ? startContainer() : startEmbedded();
  }

  private static PostgresTestServer startContainer() {
    PostgreSQLContainer container =
        new PostgreSQLContainer(IMAGE)
            .withDatabaseName(DEFAULT_DATABASE)
            .withUsername(USER)
            .withPassword(PASSWORD)
            .withCommand(
                "postgres",
                "-c",
                "fsync=off",
                "-c",
                "synchronous_commit=off",
                "-c",
                "full_page_writes=off",
                "-c",
                "max_connections=300");
    container.start();
    return new PostgresTestServer(
        container.getHost(), container.getMappedPort(POSTGRES_PORT), true, container::stop);
  }

  private static PostgresTestServer startEmbedded() {
    try {
      // zonky already turns off fsync and synchronous commit and allows 300 connections.
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("full_page_writes", "off")
              // A busy two-core CI machine can take longer than zonky's 10 s default.
              .setPGStartupWait(Duration.ofSeconds(60))
              // The JvmSingleton's hook stops it; a second hook would stop it twice.
              .setRegisterShutdownHook(false)
              .start();
      return new PostgresTestServer("127.0.0.1", postgres.getPort(), false, postgres);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
    }
  }

  private void stop() {
    try {
      server.close();
    } catch (Exception e) {
      throw new IllegalStateException("Could not stop " + this, e);
    }
  }
}
