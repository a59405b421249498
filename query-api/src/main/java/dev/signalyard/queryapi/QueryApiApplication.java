package dev.signalyard.queryapi;

import dev.signalyard.platform.runtime.ServiceDefaults;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The query API: REST and server-sent events over the materialized output topics.
 *
 * <p>Boot's R2DBC and Flyway auto-configurations are off: the fleet reference store is optional
 * (the device and broadcast APIs need no database), so {@code dev.signalyard.queryapi.fleet}
 * creates its connection factory and runs its migrations only when {@code
 * signalyard.fleet.database.url} is set.
 */
@SpringBootApplication(
    excludeName = {
      "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
      "org.springframework.boot.r2dbc.autoconfigure.R2dbcInitializationAutoConfiguration",
      "org.springframework.boot.r2dbc.autoconfigure.R2dbcProxyAutoConfiguration",
      "org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration",
      "org.springframework.boot.r2dbc.autoconfigure.health.ConnectionFactoryHealthContributorAutoConfiguration",
      "org.springframework.boot.r2dbc.autoconfigure.metrics.ConnectionPoolMetricsAutoConfiguration",
      "org.springframework.boot.r2dbc.autoconfigure.observation.R2dbcObservationAutoConfiguration",
      "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration",
      "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcRepositoriesAutoConfiguration",
      "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
      "org.springframework.boot.flyway.autoconfigure.FlywayEndpointAutoConfiguration"
    })
@ConfigurationPropertiesScan
public class QueryApiApplication {

  public static final int DEFAULT_PORT = 8080;

  public static SpringApplication application() {
    return ServiceDefaults.application(
        QueryApiApplication.class, "signalyard-query-api", DEFAULT_PORT);
  }

  public static void main(String[] args) {
    application().run(args);
  }
}
