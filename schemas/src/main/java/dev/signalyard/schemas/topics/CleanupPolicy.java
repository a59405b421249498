package dev.signalyard.schemas.topics;

import org.apache.kafka.common.config.TopicConfig;

/**
 * How Kafka discards old records of a topic: by age ({@link #DELETE}) or by keeping only the newest
 * record per key ({@link #COMPACT}).
 *
 * <p>Thread-safety: immutable.
 */
public enum CleanupPolicy {
  /** Records are deleted once older than the topic's retention. */
  DELETE(TopicConfig.CLEANUP_POLICY_DELETE),
  /** Only the newest record per key is kept, for as long as the topic exists. */
  COMPACT(TopicConfig.CLEANUP_POLICY_COMPACT);

  private final String configValue;

  CleanupPolicy(String configValue) {
    this.configValue = configValue;
  }

  /** The value of the topic config {@code cleanup.policy}. */
  public String configValue() {
    return configValue;
  }
}
