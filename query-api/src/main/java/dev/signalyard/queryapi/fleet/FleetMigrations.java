package dev.signalyard.queryapi.fleet;

import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import java.util.Locale;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the Flyway migrations under {@code classpath:db/migration} to the fleet database over
 * JDBC (Flyway has no R2DBC support). The JDBC URL is derived from the R2DBC URL: same host, port
 * and database.
 *
 * <p>Thread-safety: stateless; {@link #migrate} is meant to run once at start-up.
 */
final class FleetMigrations {

  private static final Logger log = LoggerFactory.getLogger(FleetMigrations.class);

  private FleetMigrations() {}

  /** Migrates the database to the latest version; throws when a migration fails. */
  static MigrateResult migrate(FleetProperties.Database database) {
    String jdbcUrl = jdbcUrl(database.url());
    MigrateResult result =
        Flyway.configure()
            .dataSource(jdbcUrl, database.username(), database.password())
            .locations("classpath:db/migration")
            .load()
            .migrate();
    log.info(
        "Fleet database {} at schema version {} ({} migrations applied now)",
        jdbcUrl,
        result.targetSchemaVersion,
        result.migrationsExecuted);
    return result;
  }

  /**
   * {@code r2dbc:postgresql://host:port/db?sslMode=...} to {@code
   * jdbc:postgresql://host:port/db?sslmode=...}: the same server and database, and the same TLS
   * requirement (R2DBC's {@code VERIFY_FULL} is JDBC's {@code verify-full}); other R2DBC options
   * have no bearing on migrations and are left out.
   */
  static String jdbcUrl(String r2dbcUrl) {
    ConnectionFactoryOptions options = ConnectionFactoryOptions.parse(r2dbcUrl);
    Object host = options.getRequiredValue(ConnectionFactoryOptions.HOST);
    Object port = options.getValue(ConnectionFactoryOptions.PORT);
    Object database = options.getValue(ConnectionFactoryOptions.DATABASE);
    Object sslMode = options.getValue(Option.valueOf("sslMode"));
    return "jdbc:postgresql://"
        + host
        + (port == null ? "" : ":" + port)
        + "/"
        + (database == null ? "" : database)
        + (sslMode == null
            ? ""
            : "?sslmode=" + sslMode.toString().toLowerCase(Locale.ROOT).replace('_', '-'));
  }
}
