package dev.signalyard.platform.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The management port a service gets, through {@link ServiceDefaults#application} as the services
 * start: its own fixed port, a random one beside a random API port, and always the operator's.
 */
class ManagementPortDefaultTest {

  private static final int API_PORT = 8080;

  @Configuration(proxyBeanMethods = false)
  static class NoBeans {}

  @Test
  void eachServiceHasItsOwnManagementPortBesideItsApiPort() {
    assertThat(ServiceDefaults.managementPort(8080)).isEqualTo(9080);
    assertThat(ServiceDefaults.managementPort(8081)).isEqualTo(9081);
    assertThat(ServiceDefaults.managementPort(8082)).isEqualTo(9082);
  }

  @Test
  void aFixedApiPortGetsTheServicesManagementPort() {
    assertThat(managementPort(Map.of())).isEqualTo("9080");
    assertThat(managementPort(Map.of(), "--server.port=8000")).isEqualTo("9080");
    assertThat(managementPort(Map.of("SERVER_PORT", "8000"))).isEqualTo("9080");
  }

  @Test
  void aRandomApiPortGetsARandomManagementPort() {
    assertThat(managementPort(Map.of(), "--server.port=0")).isEqualTo("0");
    assertThat(managementPort(Map.of("SERVER_PORT", "0"))).isEqualTo("0");
  }

  @Test
  void noApiServerMeansNoManagementServer() {
    assertThat(managementPort(Map.of(), "--server.port=-1")).isEqualTo("-1");
  }

  @Test
  void theOperatorsManagementPortAlwaysWins() {
    assertThat(managementPort(Map.of("MANAGEMENT_SERVER_PORT", "7070"))).isEqualTo("7070");
    assertThat(managementPort(Map.of("MANAGEMENT_SERVER_PORT", "7070"), "--server.port=0"))
        .isEqualTo("7070");
    assertThat(managementPort(Map.of(), "--server.port=0", "--management.server.port=7071"))
        .isEqualTo("7071");
    // The same port as the API: actuator shares the API port, as the operator asked.
    assertThat(managementPort(Map.of("SERVER_PORT", "8000", "MANAGEMENT_SERVER_PORT", "8000")))
        .isEqualTo("8000");
  }

  /**
   * {@code management.server.port} of a service started with {@code env} as its environment
   * variables and {@code args} on its command line.
   */
  private static String managementPort(Map<String, Object> env, String... args) {
    SpringApplication application = ServiceDefaults.application(NoBeans.class, "test", API_PORT);
    application.setWebApplicationType(WebApplicationType.NONE);
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .replace(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
    application.setEnvironment(environment);
    try (ConfigurableApplicationContext context = application.run(args)) {
      return context.getEnvironment().getProperty("management.server.port");
    }
  }
}
