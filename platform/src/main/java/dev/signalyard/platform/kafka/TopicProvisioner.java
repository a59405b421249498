package dev.signalyard.platform.kafka;

import dev.signalyard.schemas.topics.TopicCatalog;
import dev.signalyard.schemas.topics.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics of the {@link TopicCatalog} that do not exist yet, with the catalog's
 * partitions, retention and cleanup policy and the configured replication settings.
 *
 * <p>Existing topics are left alone: changing partitions or configs of a live topic is an operator
 * decision. Safe to call from several services at once (a concurrent creation counts as success).
 */
public final class TopicProvisioner {

  private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

  private final SignalyardKafkaProperties properties;
  private final List<TopicSpec> topics;

  public TopicProvisioner(SignalyardKafkaProperties properties) {
    this(properties, TopicCatalog.all());
  }

  TopicProvisioner(SignalyardKafkaProperties properties, List<TopicSpec> topics) {
    this.properties = properties;
    this.topics = List.copyOf(topics);
  }

  /**
   * Creates the missing topics, waiting at most {@code timeout}.
   *
   * @return the names of the topics this call created
   * @throws TopicProvisioningException when Kafka cannot be reached or refuses a creation
   */
  public List<String> createMissingTopics(Duration timeout) {
    Map<String, Object> config = properties.clientConfig();
    int timeoutMs = (int) timeout.toMillis();
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 5_000));
    try (Admin admin = Admin.create(config)) {
      Set<String> existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (TopicSpec spec : topics) {
        if (!existing.contains(spec.name())) {
          missing.add(newTopic(spec));
        }
      }
      List<String> created = new ArrayList<>();
      for (var entry : admin.createTopics(missing).values().entrySet()) {
        try {
          entry.getValue().get(timeoutMs, TimeUnit.MILLISECONDS);
          created.add(entry.getKey());
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
      if (!created.isEmpty()) {
        log.info("Created topics {}", created);
      }
      return created;
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new TopicProvisioningException(
          "Could not create topics on " + properties.bootstrapServers() + ": " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TopicProvisioningException("Interrupted while creating topics", e);
    }
  }

  private NewTopic newTopic(TopicSpec spec) {
    int partitions = properties.partitions() > 0 ? properties.partitions() : spec.partitions();
    Map<String, String> configs = new HashMap<>(spec.configs());
    if (properties.minInsyncReplicas() > 0) {
      configs.put("min.insync.replicas", Integer.toString(properties.minInsyncReplicas()));
    }
    return new NewTopic(spec.name(), partitions, properties.replicationFactor()).configs(configs);
  }
}
