package dev.signalyard.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalyard.schemas.devices.DeviceReport;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TopicSpecTest {

  @Test
  void valueSchemaIsTheSchemaOfTheValueClass() {
    assertThat(spec("t", 1, null, CleanupPolicy.COMPACT).valueSchema())
        .isEqualTo(DeviceReport.getClassSchema());
  }

  @Test
  void configsCannotBeChangedThroughTheSpec() {
    assertThatThrownBy(() -> TopicCatalog.DEVICE_REPORTS.configs().put("retention.ms", "1"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void cleanupPoliciesUseKafkaConfigValues() {
    assertThat(CleanupPolicy.DELETE.configValue()).isEqualTo("delete");
    assertThat(CleanupPolicy.COMPACT.configValue()).isEqualTo("compact");
  }

  @Test
  void rejectsIllegalTopicNames() {
    assertThatThrownBy(() -> spec("device reports", 1, null, CleanupPolicy.COMPACT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Not a legal Kafka topic name: 'device reports'");
  }

  @Test
  void rejectsPartitionCountsBelowOne() {
    assertThatThrownBy(() -> spec("t", 0, null, CleanupPolicy.COMPACT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("t: partitions must be at least 1");
  }

  @Test
  void rejectsRetentionThatIsNotPositive() {
    assertThatThrownBy(() -> spec("t", 1, Duration.ZERO, CleanupPolicy.DELETE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("t: retention must be positive, or null");
  }

  @Test
  void rejectsRetentionOnACompactedTopic() {
    assertThatThrownBy(() -> spec("t", 1, Duration.ofDays(1), CleanupPolicy.COMPACT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("t: a compacted topic keeps records forever");
  }

  @Test
  void deleteWithoutRetentionKeepsRecordsForever() {
    assertThat(spec("t", 1, null, CleanupPolicy.DELETE).configs())
        .containsEntry("retention.ms", "-1");
  }

  private static TopicSpec spec(
      String name, int partitions, Duration retention, CleanupPolicy policy) {
    return new TopicSpec(name, "key", DeviceReport.class, partitions, retention, policy, "d");
  }
}
