package dev.signalyard.platform.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;

/**
 * Defaults every Signalyard service starts from. They are Spring "default properties", the lowest
 * precedence, so environment variables and command-line arguments override each of them.
 *
 * <p>Services keep no {@code application.yml} of their own: the demo runs all three in one JVM,
 * where same-named configuration files would shadow each other.
 *
 * <p>Actuator (health and Prometheus metrics only) answers on a management port of its own, never
 * on the API port: by default the service's API port plus {@value #MANAGEMENT_PORT_OFFSET}
 * (query-api 9080, ingest 9081, streams 9082); see {@link ManagementPortDefault}.
 */
public final class ServiceDefaults {

  private ServiceDefaults() {}

  /**
   * Largest string or bytes value Avro will allocate while decoding. A corrupt length prefix would
   * otherwise make it allocate up to 2 GiB before noticing the data ends; no record of ours comes
   * near this size (Kafka's default record limit is 1 MiB).
   */
  static final String AVRO_MAX_LENGTH = Integer.toString(8 * 1024 * 1024);

  /**
   * Distance of a service's default management port from its default API port, so that each
   * service's pair is easy to remember (8080 and 9080) and no two services' ports collide.
   */
  static final int MANAGEMENT_PORT_OFFSET = 1000;

  /**
   * Spring Security's auto-configurations. A service that does no authentication of its own (ingest
   * authenticates webhooks itself; streams serves only health and metrics) turns them off, so that
   * Spring Security arriving on its classpath — as in the demo, which runs query-api in the same
   * JVM — can never lock its endpoints behind a generated password.
   */
  static final String WEB_SECURITY_AUTO_CONFIGURATIONS =
      String.join(
          ",",
          "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
          "org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientAutoConfiguration",
          "org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientWebSecurityAutoConfiguration",
          "org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration",
          "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.reactive.ReactiveOAuth2ResourceServerWebSecurityAutoConfiguration");

  /**
   * Boot's R2DBC and Flyway auto-configurations. Only query-api has a database (the fleet reference
   * store, configured by itself); in the demo and the benchmarks its R2DBC driver shares the class
   * path with ingest and streams, which must not try to open a database they do not have. The same
   * list is excluded on {@code QueryApiApplication}.
   */
  static final String DATABASE_AUTO_CONFIGURATIONS =
      String.join(
          ",",
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
          "org.springframework.boot.flyway.autoconfigure.FlywayEndpointAutoConfiguration");

  /**
   * A Spring application for a service that does no HTTP authentication through Spring Security and
   * has no database; see {@link #WEB_SECURITY_AUTO_CONFIGURATIONS} and {@link
   * #DATABASE_AUTO_CONFIGURATIONS}.
   */
  public static SpringApplication applicationWithoutWebSecurity(
      Class<?> source, String name, int port) {
    return applicationWithoutWebSecurity(source, name, port, Map.of());
  }

  /** As {@link #applicationWithoutWebSecurity(Class, String, int)}, with more defaults. */
  public static SpringApplication applicationWithoutWebSecurity(
      Class<?> source, String name, int port, Map<String, Object> moreDefaults) {
    SpringApplication application = application(source, name, port);
    Map<String, Object> defaults = properties(name, port);
    defaults.put(
        "spring.autoconfigure.exclude",
        WEB_SECURITY_AUTO_CONFIGURATIONS + "," + DATABASE_AUTO_CONFIGURATIONS);
    defaults.putAll(moreDefaults);
    application.setDefaultProperties(defaults);
    return application;
  }

  /**
   * A Spring application for {@code source} named {@code name}, listening on {@code port}, with
   * actuator on {@link #managementPort(int) managementPort(port)}.
   */
  public static SpringApplication application(Class<?> source, String name, int port) {
    // JVM-wide Avro limits, read once by Avro; an operator's -D setting wins.
    System.getProperties().putIfAbsent("org.apache.avro.limits.bytes.maxLength", AVRO_MAX_LENGTH);
    System.getProperties().putIfAbsent("org.apache.avro.limits.string.maxLength", AVRO_MAX_LENGTH);
    SpringApplication application = new SpringApplication(source);
    application.setMainApplicationClass(source);
    application.setDefaultProperties(properties(name, port));
    application.addListeners(new ManagementPortDefault(managementPort(port)));
    return application;
  }

  /** The default management port of the service whose default API port is {@code port}. */
  public static int managementPort(int port) {
    return port + MANAGEMENT_PORT_OFFSET;
  }

  static Map<String, Object> properties(String name, int port) {
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put("spring.application.name", name);
    defaults.put("server.port", port);
    defaults.put("server.shutdown", "graceful");
    defaults.put("spring.webflux.problemdetails.enabled", true);
    defaults.put("management.endpoints.web.exposure.include", "health,prometheus");
    defaults.put("management.endpoint.health.probes.enabled", true);
    defaults.put("management.endpoint.health.show-components", "always");
    // Spring Security's observations (a span per security filter, and per authorization) live as
    // long as their request: for a server-sent event stream that is hours, in thousands of copies.
    // The HTTP server's own request metrics stay.
    defaults.put("management.observations.enable.spring.security", false);
    defaults.put("logging.level.org.apache.kafka", "WARN");
    defaults.put("logging.level.kafka", "WARN");
    defaults.put("logging.level.state.change.logger", "WARN");
    return defaults;
  }
}
