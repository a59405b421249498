package dev.signalyard.streams.simulation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the simulation processor (fleet simulations and goal seeks run from
 * simulation-requests).
 *
 * <p>Thread-safety: immutable.
 *
 * @param enabled Whether the streams service runs simulations at all.
 * @param workers Runs computed at once per streams instance (the bounded worker pool); further runs
 *     wait in a queue and report their queue position. The reference ran 2 Celery workers.
 * @param progressInterval How often a running run reports its progress on simulation-progress, even
 *     when the model reported nothing new (a heartbeat, so watchers see it is alive). Keep it at or
 *     below 1 s.
 * @param snapshotTimeout How long a run may take to read the fleet data (vehicles, settings,
 *     roundtrips) from Kafka before it fails.
 * @param intelligentTimeLimit How long intelligent allocation's solver may search one day's
 *     assignment; the best assignment found by then is used (the reference's 60 s).
 */
@ConfigurationProperties("signalyard.streams.simulation")
public record SimulationProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("2") int workers,
    @DefaultValue("500ms") Duration progressInterval,
    @DefaultValue("60s") Duration snapshotTimeout,
    @DefaultValue("60s") Duration intelligentTimeLimit) {

  /** Validates the settings. */
  public SimulationProperties {
    if (workers < 1) {
      throw new IllegalArgumentException(
          "signalyard.streams.simulation.workers must be at least 1: " + workers);
    }
    if (progressInterval.isNegative() || progressInterval.isZero()) {
      throw new IllegalArgumentException(
          "signalyard.streams.simulation.progress-interval must be positive: " + progressInterval);
    }
    if (intelligentTimeLimit.isNegative() || intelligentTimeLimit.isZero()) {
      throw new IllegalArgumentException(
          "signalyard.streams.simulation.intelligent-time-limit must be positive: "
              + intelligentTimeLimit);
    }
    if (snapshotTimeout.isNegative() || snapshotTimeout.isZero()) {
      throw new IllegalArgumentException(
          "signalyard.streams.simulation.snapshot-timeout must be positive: " + snapshotTimeout);
    }
  }
}
