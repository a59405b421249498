package dev.signalyard.queryapi.commands;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the device command endpoints.
 *
 * <p>Thread-safety: immutable.
 *
 * @param ackTimeout How long {@code POST /api/devices/{imei}/commands} waits for Kafka to
 *     acknowledge each of its two records (the QUEUED status, then the command) before it answers
 *     503. The producer gives up on the record within this time, so a 503 leaves nothing in flight.
 */
@ConfigurationProperties("signalyard.query.commands")
public record CommandProperties(@DefaultValue("5s") Duration ackTimeout) {

  public CommandProperties {
    if (ackTimeout.toMillis() < 500) {
      throw new IllegalArgumentException(
          "signalyard.query.commands.ack-timeout must be at least 500ms");
    }
  }
}
