package dev.signalyard.queryapi.fleet;

import dev.signalyard.platform.kafka.SignalyardKafkaProperties;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fleet reference store, wired only when {@code signalyard.fleet.database.url} is set (Boot's
 * own R2DBC and Flyway auto-configurations are off, see {@code QueryApiApplication}).
 *
 * <p>Start-up order: Flyway migrates the database (the connection pool bean depends on it), the
 * seeded settings are put in the outbox if they were never announced, then the web server starts
 * and the outbox relay begins to poll.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(FleetDatabaseConfigured.class)
class FleetDatabaseConfiguration {

  @Bean(destroyMethod = "dispose")
  ConnectionPool fleetConnectionPool(FleetProperties properties) {
    FleetProperties.Database database = properties.database();
    if (database.username() == null || database.username().isBlank()) {
      throw new IllegalArgumentException(
          "signalyard.fleet.database.username is required with signalyard.fleet.database.url");
    }
    FleetMigrations.migrate(database);
    ConnectionFactoryOptions options =
        ConnectionFactoryOptions.parse(database.url())
            .mutate()
            .option(ConnectionFactoryOptions.USER, database.username())
            .option(ConnectionFactoryOptions.PASSWORD, database.password())
            .build();
    return new ConnectionPool(
        ConnectionPoolConfiguration.builder(ConnectionFactories.get(options))
            .name("fleet")
            .initialSize(1)
            .maxSize(database.maxPoolSize())
            .maxIdleTime(Duration.ofMinutes(10))
            .maxAcquireTime(Duration.ofSeconds(10))
            .build());
  }

  @Bean
  DatabaseClient fleetDatabaseClient(ConnectionPool fleetConnectionPool) {
    return DatabaseClient.create(fleetConnectionPool);
  }

  @Bean
  R2dbcTransactionManager fleetTransactionManager(ConnectionPool fleetConnectionPool) {
    return new R2dbcTransactionManager(fleetConnectionPool);
  }

  @Bean
  TransactionalOperator fleetTransactions(R2dbcTransactionManager fleetTransactionManager) {
    return TransactionalOperator.create(fleetTransactionManager);
  }

  @Bean
  Outbox fleetOutbox(DatabaseClient fleetDatabaseClient) {
    return new Outbox(fleetDatabaseClient);
  }

  @Bean
  LocationStore locationStore(
      DatabaseClient fleetDatabaseClient, TransactionalOperator fleetTransactions, Outbox outbox) {
    return new LocationStore(fleetDatabaseClient, fleetTransactions, outbox, Clock.systemUTC());
  }

  @Bean
  VehicleStore vehicleStore(
      DatabaseClient fleetDatabaseClient,
      TransactionalOperator fleetTransactions,
      Outbox outbox,
      LocationStore locationStore) {
    return new VehicleStore(
        fleetDatabaseClient, fleetTransactions, outbox, locationStore, Clock.systemUTC());
  }

  @Bean
  LookupStore lookupStore(DatabaseClient fleetDatabaseClient) {
    return new LookupStore(fleetDatabaseClient);
  }

  @Bean
  SettingsStore settingsStore(
      DatabaseClient fleetDatabaseClient,
      TransactionalOperator fleetTransactions,
      Outbox outbox,
      JsonMapper json) {
    SettingsStore store =
        new SettingsStore(fleetDatabaseClient, fleetTransactions, outbox, json, Clock.systemUTC());
    store.announceSeededSettings().block(Duration.ofSeconds(30));
    return store;
  }

  @Bean
  OutboxRelay fleetOutboxRelay(
      DatabaseClient fleetDatabaseClient,
      TransactionalOperator fleetTransactions,
      FleetProperties properties,
      SignalyardKafkaProperties kafka) {
    return new OutboxRelay(fleetDatabaseClient, fleetTransactions, properties.outbox(), kafka);
  }
}
