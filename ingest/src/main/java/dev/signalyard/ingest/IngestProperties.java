package dev.signalyard.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the ingest service.
 *
 * @param ackTimeout How long a webhook waits for Kafka's acknowledgement before it answers 503.
 *     RockBLOCK allows 3 s for the whole exchange, so keep it below that.
 * @param lingerTime How long the producer waits to batch records (Kafka's linger.ms). A little
 *     batching raises throughput under load at the cost of that much latency.
 */
@ConfigurationProperties("signalyard.ingest")
public record IngestProperties(
    @DefaultValue("2500ms") Duration ackTimeout, @DefaultValue("1ms") Duration lingerTime) {

  public IngestProperties {
    if (ackTimeout.toMillis() < 500) {
      throw new IllegalArgumentException("signalyard.ingest.ack-timeout must be at least 500ms");
    }
  }
}
