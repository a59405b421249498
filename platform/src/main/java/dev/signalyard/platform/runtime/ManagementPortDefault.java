package dev.signalyard.platform.runtime;

import java.util.Map;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Puts actuator on a management port of its own unless the operator chose one ({@code
 * MANAGEMENT_SERVER_PORT}, {@code --management.server.port}, a config file): the service's fixed
 * default, or the API port itself when that is 0 or negative.
 *
 * <p>A random API port (0) means tests, benchmarks or the demo's tests, where several services or
 * replicas share one JVM; a fixed management port would make the second one fail to start, so the
 * management port is random too. A negative API port means no web server, so no management server
 * either.
 *
 * <p>That depends on the API port as finally configured, which a default property cannot express:
 * the rule runs once the environment is complete (command line, environment variables, config
 * files) and before the context is created, and adds its answer as the lowest-precedence property
 * source.
 */
final class ManagementPortDefault
    implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

  static final String MANAGEMENT_PORT = "management.server.port";
  static final String SERVER_PORT = "server.port";
  static final String SOURCE = "signalyardManagementPort";

  private final int defaultPort;

  ManagementPortDefault(int defaultPort) {
    this.defaultPort = defaultPort;
  }

  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    apply(event.getEnvironment());
  }

  void apply(ConfigurableEnvironment environment) {
    if (environment.containsProperty(MANAGEMENT_PORT)) {
      return;
    }
    Integer server = environment.getProperty(SERVER_PORT, Integer.class);
    int management = server != null && server <= 0 ? server : defaultPort;
    environment
        .getPropertySources()
        .addLast(new MapPropertySource(SOURCE, Map.of(MANAGEMENT_PORT, management)));
  }
}
