package dev.signalyard.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Spring ignores an environment variable that binds to nothing, so a misspelt
 * SIGNALYARD_STREAMS_STATE_DIR would leave the state in /tmp without a word. Every Signalyard
 * variable the chart and the compose file set must therefore be one docs/configuration.md
 * (generated from the services' properties) lists.
 */
class EnvironmentVariablesTest {

  /** Entries of the map SIGNALYARD_KAFKA_CLIENT_* are Kafka's own settings, passed verbatim. */
  private static final String KAFKA_CLIENT_PREFIX = "SIGNALYARD_KAFKA_CLIENT_";

  @Test
  void everySignalyardVariableOfTheChartIsADocumentedSetting() throws IOException {
    Set<String> documented = documented();
    Set<String> used = new TreeSet<>();
    for (HelmChartTest.Environment environment : HelmChartTest.Environment.values()) {
      RenderedChart chart = environment.render();
      chart.all(ConfigMap.class).forEach(config -> used.addAll(config.getData().keySet()));
      chart
          .all(Deployment.class)
          .forEach(d -> addEnv(d.getSpec().getTemplate().getSpec().getContainers(), used));
      chart
          .all(StatefulSet.class)
          .forEach(s -> addEnv(s.getSpec().getTemplate().getSpec().getContainers(), used));
    }

    assertThat(undocumented(used, documented)).isEmpty();
    assertThat(used).contains("SIGNALYARD_STREAMS_STATEDIR", "SIGNALYARD_KAFKA_BOOTSTRAPSERVERS");
  }

  @Test
  void everySignalyardVariableOfTheComposeFileIsADocumentedSetting() throws IOException {
    Map<String, Object> compose =
        new Yaml().load(Files.readString(RepositoryFiles.file(ComposeFileTest.COMPOSE_FILE)));
    Set<String> used = new TreeSet<>();
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> services =
        (Map<String, Map<String, Object>>) compose.get("services");
    for (String service : List.of("ingest", "streams", "query-api")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> environment =
          (Map<String, Object>) services.get(service).get("environment");
      used.addAll(environment.keySet());
    }

    assertThat(undocumented(used, documented())).isEmpty();
  }

  private static Set<String> undocumented(Set<String> used, Set<String> documented) {
    Set<String> undocumented = new TreeSet<>();
    for (String name : used) {
      if (name.startsWith("SIGNALYARD_")
          && !name.startsWith(KAFKA_CLIENT_PREFIX)
          && !documented.contains(name)) {
        undocumented.add(name);
      }
    }
    return undocumented;
  }

  private static void addEnv(List<Container> containers, Set<String> names) {
    containers.forEach(c -> c.getEnv().stream().map(EnvVar::getName).forEach(names::add));
  }

  private static Set<String> documented() throws IOException {
    Set<String> names = new TreeSet<>();
    Matcher row =
        Pattern.compile("^\\| `(SIGNALYARD_[A-Z0-9_]+)` \\|", Pattern.MULTILINE)
            .matcher(Files.readString(RepositoryFiles.file("docs/configuration.md")));
    while (row.find()) {
      names.add(row.group(1));
    }
    assertThat(names).as("variables parsed from docs/configuration.md").isNotEmpty();
    return names;
  }
}
