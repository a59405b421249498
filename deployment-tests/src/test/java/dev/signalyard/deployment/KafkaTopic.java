package dev.signalyard.deployment;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Strimzi's KafkaTopic, typed with the fields the chart may render. The Strimzi API artifact would
 * bring its own fabric8 model version; this small class keeps one model on the classpath. Unknown
 * fields are collected like fabric8's own models do, so the same unknown-field check applies.
 */
@Group("kafka.strimzi.io")
@Version("v1beta2")
@Kind("KafkaTopic")
public class KafkaTopic extends CustomResource<KafkaTopic.Spec, Void> implements Namespaced {

  /** The spec of a KafkaTopic (Strimzi's KafkaTopicSpec). */
  public static class Spec {
    private String topicName;
    private Integer partitions;
    private Integer replicas;
    private Map<String, Object> config = new LinkedHashMap<>();
    private final Map<String, Object> additionalProperties = new LinkedHashMap<>();

    public String getTopicName() {
      return topicName;
    }

    public void setTopicName(String topicName) {
      this.topicName = topicName;
    }

    public Integer getPartitions() {
      return partitions;
    }

    public void setPartitions(Integer partitions) {
      this.partitions = partitions;
    }

    public Integer getReplicas() {
      return replicas;
    }

    public void setReplicas(Integer replicas) {
      this.replicas = replicas;
    }

    public Map<String, Object> getConfig() {
      return config;
    }

    public void setConfig(Map<String, Object> config) {
      this.config = config;
    }

    @JsonAnyGetter
    public Map<String, Object> getAdditionalProperties() {
      return additionalProperties;
    }

    @JsonAnySetter
    public void setAdditionalProperty(String name, Object value) {
      additionalProperties.put(name, value);
    }
  }
}
