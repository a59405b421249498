package dev.signalyard.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.schemas.common.DeadLetter;
import dev.signalyard.schemas.devices.DeviceReport;
import dev.signalyard.schemas.devices.RawDeviceReport;
import dev.signalyard.schemas.serde.SignalyardSchemaStore;
import java.time.Duration;
import java.util.Map;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;

class TopicCatalogTest {

  @Test
  void listsEveryDeclaredTopicExactlyOnce() throws IllegalAccessException {
    java.util.List<TopicSpec> declared = new java.util.ArrayList<>();
    for (java.lang.reflect.Field field : TopicCatalog.class.getFields()) {
      if (field.getType() == TopicSpec.class
          && java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
        declared.add((TopicSpec) field.get(null));
      }
    }
    assertThat(declared).isNotEmpty();
    assertThat(TopicCatalog.all()).containsExactlyInAnyOrderElementsOf(declared);
  }

  @Test
  void topicNamesAreUnique() {
    assertThat(TopicCatalog.all()).extracting(TopicSpec::name).doesNotHaveDuplicates();
  }

  @Test
  void everyValueSchemaIsReleasedAsItIsNow() {
    SignalyardSchemaStore store = SignalyardSchemaStore.released();

    for (TopicSpec topic : TopicCatalog.all()) {
      long fingerprint = SchemaNormalization.parsingFingerprint64(topic.valueSchema());
      assertThat(store.versions(topic.valueSchema().getFullName()))
          .as("released versions of %s, the value of %s", topic.valueType(), topic.name())
          .isNotEmpty();
      assertThat(store.findByFingerprint(fingerprint))
          .as("released schema of %s, the value of %s", topic.valueType(), topic.name())
          .isNotNull();
    }
  }

  @Test
  void rawReportsAreKeptAWeek() {
    assertThat(TopicCatalog.DEVICE_REPORTS_RAW)
        .isEqualTo(
            new TopicSpec(
                "device-reports-raw",
                "IMEI (15 digits)",
                RawDeviceReport.class,
                6,
                Duration.ofDays(7),
                CleanupPolicy.DELETE,
                "Device reports as received by ingest's webhooks, after validation."));
    assertThat(TopicCatalog.DEVICE_REPORTS_RAW.configs())
        .containsExactly(
            Map.entry("cleanup.policy", "delete"), Map.entry("retention.ms", "604800000"));
  }

  @Test
  void decodedReportsAreKeptThirtyDays() {
    assertThat(TopicCatalog.DEVICE_REPORTS.name()).isEqualTo("device-reports");
    assertThat(TopicCatalog.DEVICE_REPORTS.key()).isEqualTo("IMEI");
    assertThat(TopicCatalog.DEVICE_REPORTS.valueType()).isEqualTo(DeviceReport.class);
    assertThat(TopicCatalog.DEVICE_REPORTS.partitions()).isEqualTo(6);
    assertThat(TopicCatalog.DEVICE_REPORTS.configs())
        .containsEntry("cleanup.policy", "delete")
        .containsEntry("retention.ms", "2592000000");
  }

  @Test
  void latestReportPerDeviceIsCompactedAndKeptForever() {
    assertThat(TopicCatalog.DEVICE_LATEST.name()).isEqualTo("device-latest");
    assertThat(TopicCatalog.DEVICE_LATEST.valueType()).isEqualTo(DeviceReport.class);
    assertThat(TopicCatalog.DEVICE_LATEST.retention()).isNull();
    assertThat(TopicCatalog.DEVICE_LATEST.configs())
        .containsExactly(Map.entry("cleanup.policy", "compact"), Map.entry("retention.ms", "-1"));
  }

  @Test
  void deadLettersHaveThreePartitions() {
    assertThat(TopicCatalog.DEAD_LETTERS.name()).isEqualTo("dead-letters");
    assertThat(TopicCatalog.DEAD_LETTERS.key()).isEqualTo("original record key");
    assertThat(TopicCatalog.DEAD_LETTERS.valueType()).isEqualTo(DeadLetter.class);
    assertThat(TopicCatalog.DEAD_LETTERS.partitions()).isEqualTo(3);
    assertThat(TopicCatalog.DEAD_LETTERS.retention()).isEqualTo(Duration.ofDays(30));
  }
}
