package dev.signalyard.queryapi.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/** The production profile refuses to start without an issuer; elsewhere open access starts. */
class ProductionProfileTest {

  private final ReactiveWebApplicationContextRunner runner =
      new ReactiveWebApplicationContextRunner().withUserConfiguration(Security.class);

  @Test
  void productionWithoutIssuerFailsNamingTheVariable() {
    runner
        .withInitializer(context -> context.getEnvironment().setActiveProfiles("production"))
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .hasMessageContaining("SIGNALYARD_SECURITY_ISSUERURI")
                  .hasMessageContaining("production profile");
            });
  }

  @Test
  void productionWithABlankIssuerFailsToo() {
    runner
        .withInitializer(context -> context.getEnvironment().setActiveProfiles("production"))
        .withPropertyValues("signalyard.security.issuer-uri= ")
        .run(context -> assertThat(context).hasFailed());
  }

  @Test
  void developmentWithoutIssuerStartsOpen() {
    runner.run(context -> assertThat(context).hasNotFailed());
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(SecurityProperties.class)
  @Import({SecurityConfiguration.class, OidcConfiguration.class})
  static class Security {
    @Bean
    JsonMapper jsonMapper() {
      return JsonMapper.builder().build();
    }
  }
}
