package dev.signalyard.queryapi.fleet.statistics;

import dev.signalyard.platform.kafka.SignalyardKafkaProperties;
import dev.signalyard.queryapi.live.LiveStreamProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the fleet views and the statistics over them. The views need no database: they read the
 * topics that the streams service and the outbox relay write.
 *
 * <p>Thread-safety: configuration, used once at start-up.
 */
@Configuration(proxyBeanMethods = false)
class FleetStatisticsConfiguration {

  @Bean
  FleetViews fleetViews(SignalyardKafkaProperties kafka, LiveStreamProperties live) {
    return new FleetViews(kafka, live.replayCapacity());
  }

  @Bean
  FleetStatistics fleetStatistics(FleetViews views, FleetStatisticsProperties properties) {
    return new FleetStatistics(views, properties.utilisationHoursPerDay());
  }
}
