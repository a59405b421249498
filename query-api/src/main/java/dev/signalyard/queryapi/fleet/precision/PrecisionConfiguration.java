package dev.signalyard.queryapi.fleet.precision;

import dev.signalyard.platform.kafka.SignalyardKafkaProperties;
import dev.signalyard.queryapi.fleet.statistics.FleetViews;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the stored precision and the live precision tests over the fleet views.
 *
 * <p>Thread-safety: configuration, used once at start-up.
 */
@Configuration(proxyBeanMethods = false)
class PrecisionConfiguration {

  @Bean
  StoredPrecision storedPrecision(FleetViews views) {
    return new StoredPrecision(views);
  }

  @Bean
  PrecisionTests precisionTests(
      FleetViews views, SignalyardKafkaProperties kafka, PrecisionTestProperties properties) {
    return new PrecisionTests(views, kafka, properties, Clock.systemUTC());
  }
}
