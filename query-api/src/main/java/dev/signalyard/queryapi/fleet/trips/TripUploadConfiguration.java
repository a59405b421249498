package dev.signalyard.queryapi.fleet.trips;

import dev.signalyard.platform.kafka.SignalyardKafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The transactional trip producer of the uploads; it connects on the first upload. */
@Configuration(proxyBeanMethods = false)
class TripUploadConfiguration {

  @Bean(destroyMethod = "close")
  TripTransactions tripTransactions(
      SignalyardKafkaProperties kafka, TripUploadProperties settings) {
    return new TripTransactions(kafka, settings);
  }
}
