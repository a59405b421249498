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

  /** A Spring application for {@code source} named {@code name}, listening on {@code port}. */
  public static SpringApplication application(Class<?> source, String name, int port) {
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
