package dev.signalyard.streams.runtime;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Health of the Kafka Streams instance: UP while running or rebalancing (a rebalance is normal
 * work, not a failure), DOWN when not started yet, shutting down, or failed.
 */
class KafkaStreamsHealthIndicator implements HealthIndicator {

  private final StreamsBuilderFactoryBean factoryBean;

  KafkaStreamsHealthIndicator(StreamsBuilderFactoryBean factoryBean) {
    this.factoryBean = factoryBean;
  }

  @Override
  public Health health() {
    KafkaStreams streams = factoryBean.getKafkaStreams();
    if (streams == null) {
      return Health.down().withDetail("state", "NOT_STARTED").build();
    }
    KafkaStreams.State state = streams.state();
    Health.Builder health =
        state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING
            ? Health.up()
            : Health.down();
    return health.withDetail("state", state.name()).build();
  }
}
