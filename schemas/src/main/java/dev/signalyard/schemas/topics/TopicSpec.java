package dev.signalyard.schemas.topics;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.TopicConfig;

/**
 * One Kafka topic of Signalyard: its name, what its records are keyed by, the Avro class of its
 * values (single-object encoded with {@code AvroSerde}) and the settings it is created with.
 *
 * <p>Thread-safety: immutable.
 *
 * @param name Kafka topic name
 * @param key what the record key holds, for humans (keys are not Avro)
 * @param valueType generated Avro class of the record values
 * @param partitions partition count the topic is created with
 * @param retention how long records are kept; {@code null} keeps them forever
 * @param cleanupPolicy how old records are discarded
 * @param description what the topic is for, for humans
 */
public record TopicSpec(
    String name,
    String key,
    Class<? extends SpecificRecord> valueType,
    int partitions,
    Duration retention,
    CleanupPolicy cleanupPolicy,
    String description) {

  private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  /** Validates the spec, so a typo fails when the catalog loads rather than at topic creation. */
  public TopicSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(valueType, "valueType");
    Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
    Objects.requireNonNull(description, "description");
    if (!LEGAL_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Not a legal Kafka topic name: '" + name + "'");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException(name + ": partitions must be at least 1");
    }
    if (retention != null && (retention.isNegative() || retention.isZero())) {
      throw new IllegalArgumentException(name + ": retention must be positive, or null");
    }
    // A compact-only topic ignores retention.ms; accepting one would document a limit that
    // Kafka does not apply.
    if (cleanupPolicy == CleanupPolicy.COMPACT && retention != null) {
      throw new IllegalArgumentException(name + ": a compacted topic keeps records forever");
    }
  }

  /** The Avro schema of the values, as compiled into {@link #valueType()}. */
  public Schema valueSchema() {
    return SpecificData.get().getSchema(valueType);
  }

  /**
   * Topic configs to create the topic with: {@code cleanup.policy} and {@code retention.ms} ({@code
   * -1}, meaning unlimited, when {@link #retention()} is null). Everything else is left to the
   * broker's defaults.
   */
  public Map<String, String> configs() {
    Map<String, String> configs = new LinkedHashMap<>();
    configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy.configValue());
    configs.put(
        TopicConfig.RETENTION_MS_CONFIG,
        retention == null ? "-1" : Long.toString(retention.toMillis()));
    return Collections.unmodifiableMap(configs);
  }
}
