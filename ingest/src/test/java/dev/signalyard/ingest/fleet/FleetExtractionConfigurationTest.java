package dev.signalyard.ingest.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.platform.kafka.SignalyardKafkaProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * Start-up of the extraction from configuration as ingest binds it: off by default, the reference's
 * environment variables, and refusal of systems we do not implement.
 */
class FleetExtractionConfigurationTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({FleetExtractionProperties.class, SignalyardKafkaProperties.class})
  static class Settings {}

  private final ApplicationContextRunner ingest =
      new ApplicationContextRunner()
          .withUserConfiguration(Settings.class, FleetExtractionConfiguration.class)
          // No round may start during these tests: nothing listens on this broker address.
          .withPropertyValues(
              "signalyard.kafka.bootstrap-servers=127.0.0.1:1",
              "signalyard.ingest.fleet.initial-delay=1h");

  @Test
  void doesNothingWithoutExtractors() {
    ingest.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(TripExtraction.class).isRunning()).isFalse();
        });
  }

  @Test
  void runsTheExtractorsNamedInTheEnvironmentWithTheirKeys() {
    ingest
        .withPropertyValues(
            "EXTRACTORS=skyhost_v2, MILEAGEBOOK",
            "SKYHOST_V2_KEYS=4012,sk-key-aarhus-0f3b,5120,sk-key-vp-77e1",
            "MILEAGEBOOK_KEYS=mb-odense-91c0e7a4d2")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(TripExtraction.class).isRunning()).isTrue();
            });
  }

  @Test
  void takesKeysFromPropertiesToo() {
    ingest
        .withPropertyValues(
            "signalyard.ingest.fleet.extractors=FLEETCOMPLETE",
            "signalyard.ingest.fleet.keys.FLEETCOMPLETE=ecofleet-kbh-3a9f51c2")
        .run(context -> assertThat(context).hasNotFailed());
  }

  @Test
  void refusesUnimplementedAndUnknownSystemsNamingThemAndTheImplementedOnes() {
    ingest
        .withPropertyValues(
            "EXTRACTORS=SKYHOST_V2,PUMA,GAMFLEET,TELEMATICA", "SKYHOST_V2_KEYS=4012,k")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("not implemented: PUMA, GAMFLEET")
                    .hasMessageContaining("unknown: TELEMATICA")
                    .hasMessageContaining(
                        "implemented are SKYHOST_V2, FLEETCOMPLETE, MILEAGEBOOK"));
  }

  @Test
  void refusesAnExtractorWithoutKeysWithoutShowingOthers() {
    ingest
        .withPropertyValues(
            "EXTRACTORS=SKYHOST_V2,FLEETCOMPLETE", "SKYHOST_V2_KEYS=4012,sk-key-aarhus-0f3b")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("FLEETCOMPLETE has no keys: set FLEETCOMPLETE_KEYS")
                    .hasMessageNotContaining("sk-key-aarhus-0f3b"));
  }

  @Test
  void refusesSkyhostKeysThatAreNotPairs() {
    ingest
        .withPropertyValues("EXTRACTORS=SKYHOST_V2", "SKYHOST_V2_KEYS=4012,k,5120")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("account,key,account,key"));
  }
}
