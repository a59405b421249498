package dev.signalyard.platform.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How every Signalyard service reaches Kafka and creates its topics. Shared by ingest, streams and
 * query-api so that one set of environment variables configures all three.
 *
 * @param bootstrapServers Kafka bootstrap servers, comma-separated host:port pairs.
 * @param client Extra Kafka client settings passed verbatim to every producer, consumer, admin and
 *     streams client (for example {@code security.protocol}, {@code sasl.mechanism}).
 * @param createTopics Whether services create missing topics from the topic catalog at start-up.
 *     Turn off on clusters that forbid it and create the topics ahead of time instead.
 * @param replicationFactor Replication factor of topics created at start-up. Use 3 on a cluster.
 * @param minInsyncReplicas min.insync.replicas of topics created at start-up; 0 leaves the broker
 *     default. Use 2 with a replication factor of 3.
 * @param partitions Overrides the catalog's partition count for every topic created at start-up; 0
 *     keeps the catalog's counts.
 */
@ConfigurationProperties("signalyard.kafka")
public record SignalyardKafkaProperties(
    @DefaultValue("localhost:9092") String bootstrapServers,
    Map<String, String> client,
    @DefaultValue("true") boolean createTopics,
    @DefaultValue("1") short replicationFactor,
    @DefaultValue("0") int minInsyncReplicas,
    @DefaultValue("0") int partitions) {

  public SignalyardKafkaProperties {
    client = client == null ? Map.of() : Map.copyOf(client);
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("signalyard.kafka.bootstrap-servers must not be empty");
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException("signalyard.kafka.replication-factor must be at least 1");
    }
  }

  /**
   * Settings every Kafka client of ours starts from: the bootstrap servers plus {@link #client}.
   */
  public Map<String, Object> clientConfig() {
    Map<String, Object> config = new HashMap<>(client);
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return config;
  }
}
