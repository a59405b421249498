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
 */
public final class ServiceDefaults {

  private ServiceDefaults() {}

  /**
   * Largest string or bytes value Avro will allocate while decoding. A corrupt length prefix would
   * otherwise make it allocate up to 2 GiB before noticing the data ends; no record of ours comes
   * near this size (Kafka's default record limit is 1 MiB).
   */
  static final String AVRO_MAX_LENGTH = Integer.toString(8 * 1024 * 1024);

  /** A Spring application for {@code source} named {@code name}, listening on {@code port}. */
  public static SpringApplication application(Class<?> source, String name, int port) {
    // JVM-wide Avro limits, read once by Avro; an operator's -D setting wins.
    System.getProperties().putIfAbsent("org.apache.avro.limits.bytes.maxLength", AVRO_MAX_LENGTH);
    System.getProperties().putIfAbsent("org.apache.avro.limits.string.maxLength", AVRO_MAX_LENGTH);
    SpringApplication application = new SpringApplication(source);
    application.setMainApplicationClass(source);
    application.setDefaultProperties(properties(name, port));
    return application;
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
    defaults.put("logging.level.org.apache.kafka", "WARN");
    defaults.put("logging.level.kafka", "WARN");
    defaults.put("logging.level.state.change.logger", "WARN");
    return defaults;
  }
}
