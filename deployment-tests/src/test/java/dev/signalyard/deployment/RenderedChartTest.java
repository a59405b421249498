package dev.signalyard.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

/** The strict reading the chart tests rely on: it must reject what Kubernetes would ignore. */
class RenderedChartTest {

  private static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: example
      spec:
        selector:
          matchLabels: {app: example}
        template:
          metadata:
            labels: {app: example}
          spec:
            containers:
              - name: example
                image: example:1
                %s
      """;

  @Test
  void readsAValidManifestIntoItsTypedModel() {
    RenderedChart chart =
        RenderedChart.parse(
            "# Source: x\n---\n" + DEPLOYMENT.formatted("readinessProbe: {periodSeconds: 5}"));

    assertThat(chart.get(Deployment.class, "example").getSpec().getTemplate().getSpec())
        .satisfies(
            pod ->
                assertThat(pod.getContainers().get(0).getReadinessProbe().getPeriodSeconds())
                    .isEqualTo(5));
  }

  @Test
  void failsOnAMisspeltFieldDeepInTheTree() {
    assertThatThrownBy(
            () -> RenderedChart.parse(DEPLOYMENT.formatted("readinesProbe: {periodSeconds: 5}")))
        .hasMessageContaining("Unknown fields")
        .hasMessageContaining("containers[0].readinesProbe");
  }

  @Test
  void failsOnAKindWithoutAModel() {
    assertThatThrownBy(
            () ->
                RenderedChart.parse(
                    "apiVersion: apps/v1\nkind: Deploymnet\nmetadata:\n  name: example\n"))
        .hasMessageContaining("No typed model");
  }

  @Test
  void checksStrimziTopicsToo() {
    String topic =
        """
        apiVersion: kafka.strimzi.io/v1beta2
        kind: KafkaTopic
        metadata:
          name: t
        spec:
          partitions: 3
          replicas: 3
          retention: 7d
        """;

    assertThatThrownBy(() -> RenderedChart.parse(topic)).hasMessageContaining("spec.retention");
  }
}
