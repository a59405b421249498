package dev.signalyard.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalyard.schemas.devices.DeviceReport;
import dev.signalyard.schemas.topics.CleanupPolicy;
import dev.signalyard.schemas.topics.TopicSpec;
import dev.signalyard.testsupport.KafkaTestBroker;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/** Topic creation from catalog entries against a real broker. */
class TopicProvisionerTest {

  private final String bootstrap = KafkaTestBroker.shared().bootstrapServers();

  @Test
  void createsMissingTopicsWithTheCatalogSettingsAndLeavesExistingOnesAlone() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    TopicSpec compacted =
        new TopicSpec(
            "latest-" + suffix, "IMEI", DeviceReport.class, 3, null, CleanupPolicy.COMPACT, "x");
    TopicSpec retained =
        new TopicSpec(
            "reports-" + suffix,
            "IMEI",
            DeviceReport.class,
            2,
            Duration.ofDays(7),
            CleanupPolicy.DELETE,
            "x");
    TopicProvisioner provisioner =
        new TopicProvisioner(properties(bootstrap, 0), List.of(compacted, retained));

    assertThat(provisioner.createMissingTopics(Duration.ofSeconds(20)))
        .containsExactlyInAnyOrder(compacted.name(), retained.name());
    assertThat(provisioner.createMissingTopics(Duration.ofSeconds(20))).isEmpty();

    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      Map<String, TopicDescription> topics =
          admin
              .describeTopics(List.of(compacted.name(), retained.name()))
              .allTopicNames()
              .get(10, TimeUnit.SECONDS);
      assertThat(topics.get(compacted.name()).partitions()).hasSize(3);
      assertThat(topics.get(retained.name()).partitions()).hasSize(2);
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, retained.name());
      Config config =
          admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
      assertThat(config.get("retention.ms").value())
          .isEqualTo(Long.toString(Duration.ofDays(7).toMillis()));
      ConfigResource latest = new ConfigResource(ConfigResource.Type.TOPIC, compacted.name());
      assertThat(
              admin
                  .describeConfigs(List.of(latest))
                  .all()
                  .get(10, TimeUnit.SECONDS)
                  .get(latest)
                  .get("cleanup.policy")
                  .value())
          .isEqualTo("compact");
    }
  }

  @Test
  void partitionOverrideAppliesToEveryNewTopic() throws Exception {
    TopicSpec spec =
        new TopicSpec(
            "override-" + UUID.randomUUID().toString().substring(0, 8),
            "k",
            DeviceReport.class,
            6,
            Duration.ofDays(1),
            CleanupPolicy.DELETE,
            "x");
    new TopicProvisioner(properties(bootstrap, 1), List.of(spec))
        .createMissingTopics(Duration.ofSeconds(20));

    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      assertThat(
              admin
                  .describeTopics(List.of(spec.name()))
                  .allTopicNames()
                  .get(10, TimeUnit.SECONDS)
                  .get(spec.name())
                  .partitions())
          .hasSize(1);
    }
  }

  @Test
  void reportsAnUnreachableBrokerWithinTheTimeout() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    TopicProvisioner provisioner = new TopicProvisioner(properties("127.0.0.1:" + closedPort, 0));

    long started = System.nanoTime();
    assertThatThrownBy(() -> provisioner.createMissingTopics(Duration.ofSeconds(2)))
        .isInstanceOf(TopicProvisioningException.class)
        .hasMessageContaining("127.0.0.1:" + closedPort);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  private static SignalyardKafkaProperties properties(String bootstrap, int partitions) {
    return new SignalyardKafkaProperties(bootstrap, Map.of(), true, (short) 1, 0, partitions);
  }
}
