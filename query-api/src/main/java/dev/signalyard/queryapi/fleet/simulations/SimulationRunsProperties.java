package dev.signalyard.queryapi.fleet.simulations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the simulation and goal-seek run endpoints.
 *
 * <p>Thread-safety: immutable.
 *
 * @param ackTimeout How long a POST or DELETE waits for Kafka to acknowledge the command before it
 *     answers 503.
 * @param maxPageSize Largest {@code size} a history page may ask for.
 */
@ConfigurationProperties("signalyard.fleet.simulations")
public record SimulationRunsProperties(
    @DefaultValue("5s") Duration ackTimeout, @DefaultValue("200") int maxPageSize) {

  public SimulationRunsProperties {
    if (ackTimeout.isNegative() || ackTimeout.isZero()) {
      throw new IllegalArgumentException(
          "signalyard.fleet.simulations.ack-timeout must be positive: " + ackTimeout);
    }
    if (maxPageSize < 1) {
      throw new IllegalArgumentException(
          "signalyard.fleet.simulations.max-page-size must be at least 1: " + maxPageSize);
    }
  }
}
