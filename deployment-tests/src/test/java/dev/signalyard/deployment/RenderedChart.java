package dev.signalyard.deployment;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The chart rendered by {@code helm template} and read back into typed Kubernetes objects.
 *
 * <p>Reading is strict in two ways: a kind fabric8 has no class for (a misspelt kind or apiVersion)
 * fails, and so does any field no class declares (fabric8 keeps those in {@code
 * getAdditionalProperties()}, which a reflective walk checks everywhere in the tree). Without that
 * walk a misspelt {@code readinessProbe} would render, apply and silently do nothing.
 */
final class RenderedChart {

  static final String RELEASE = "signalyard";

  /**
   * The Kubernetes version templates are rendered for. helm template assumes an old default, below
   * the chart's kubeVersion floor; this is the oldest minor the chart is meant for plus headroom.
   */
  static final String KUBE_VERSION = "v1.32.0";

  /**
   * helm-java's template returns the release manifest without hooks, unlike the helm CLI. Rendering
   * a copy of the chart whose hook annotations are renamed to this prefix makes hooks (the helm
   * test pod) ordinary manifests, so they are checked like everything else.
   */
  static final String HOOK_ANNOTATION_PREFIX = "rendered-hook.signalyard.test/";

  private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
  private static final KubernetesSerialization SERIALIZATION = serialization();

  private final List<HasMetadata> resources;

  private RenderedChart(List<HasMetadata> resources) {
    this.resources = resources;
  }

  /** Renders with the chart's defaults plus the given values files (later ones win). */
  static RenderedChart render(String namespace, List<Path> valuesFiles) {
    return render(namespace, valuesFiles, UnaryOperator.identity());
  }

  static RenderedChart render(
      String namespace, List<Path> valuesFiles, UnaryOperator<TemplateCommand> extra) {
    TemplateCommand command =
        new Helm(ChartCopy.PATH)
            .template()
            .withName(RELEASE)
            .withNamespace(namespace)
            .withKubeVersion(KUBE_VERSION);
    for (Path valuesFile : valuesFiles) {
      command = command.withValuesFile(valuesFile);
    }
    return parse(extra.apply(command).call());
  }

  /** One copy per test run, under target/ so that `mvn clean` removes it. */
  private static final class ChartCopy {
    static final Path PATH = chartWithHooksAsManifests();
  }

  private static Path chartWithHooksAsManifests() {
    try {
      Path copy =
          RepositoryFiles.root().resolve("deployment-tests/target/chart-with-hooks/signalyard");
      deleteRecursively(copy.getParent());
      Path chart = RepositoryFiles.chart();
      try (Stream<Path> files = Files.walk(chart)) {
        for (Path source : files.toList()) {
          Path target = copy.resolve(chart.relativize(source).toString());
          if (Files.isDirectory(source)) {
            Files.createDirectories(target);
          } else if (source.toString().endsWith(".yaml")
              && source.startsWith(chart.resolve("templates"))) {
            Files.writeString(
                target,
                Files.readString(source).replace("helm.sh/hook", HOOK_ANNOTATION_PREFIX + "hook"));
          } else {
            Files.copy(source, target);
          }
        }
      }
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  static RenderedChart parse(String yaml) {
    List<HasMetadata> resources = new ArrayList<>();
    for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
      if (document.lines().allMatch(line -> line.isBlank() || line.startsWith("#"))) {
        continue;
      }
      Object parsed = SERIALIZATION.unmarshal(document);
      if (!(parsed instanceof HasMetadata resource)
          || parsed instanceof GenericKubernetesResource) {
        throw new AssertionError("No typed model for this manifest (unknown kind?):\n" + document);
      }
      List<String> unknown = new ArrayList<>();
      collectUnknownFields(resource, resource.getKind(), unknown);
      if (!unknown.isEmpty()) {
        throw new AssertionError(
            "Unknown fields in "
                + resource.getKind()
                + " "
                + resource.getMetadata().getName()
                + ": "
                + unknown);
      }
      resources.add(resource);
    }
    return new RenderedChart(List.copyOf(resources));
  }

  List<HasMetadata> all() {
    return resources;
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return resources.stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
    return all(type).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst();
  }

  <T extends HasMetadata> T get(Class<T> type, String name) {
    return find(type, name)
        .orElseThrow(
            () ->
                new AssertionError(
                    "No " + type.getSimpleName() + " named " + name + " in " + names()));
  }

  List<String> names() {
    return resources.stream()
        .map(r -> r.getKind() + "/" + r.getMetadata().getName())
        .sorted()
        .toList();
  }

  private static KubernetesSerialization serialization() {
    KubernetesSerialization serialization = new KubernetesSerialization();
    serialization.registerKubernetesResource(KafkaTopic.class);
    serialization.registerKubernetesResource("kafka.strimzi.io/v1", "KafkaTopic", KafkaTopic.class);
    return serialization;
  }

  /**
   * Walks every bean property of the model tree. Only model classes (fabric8's and this package's)
   * are descended into; strings, numbers and enums are leaves.
   */
  private static void collectUnknownFields(Object node, String path, List<String> unknown) {
    if (node == null) {
      return;
    }
    if (node instanceof Collection<?> collection) {
      int index = 0;
      for (Object element : collection) {
        collectUnknownFields(element, path + "[" + index++ + "]", unknown);
      }
      return;
    }
    if (node instanceof Map<?, ?> map) {
      map.forEach((key, value) -> collectUnknownFields(value, path + "." + key, unknown));
      return;
    }
    if (!isModel(node.getClass())) {
      return;
    }
    for (Method getter : node.getClass().getMethods()) {
      if (getter.getParameterCount() != 0
          || Modifier.isStatic(getter.getModifiers())
          || getter.getDeclaringClass() == Object.class
          || !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))) {
        continue;
      }
      Object value = invoke(getter, node);
      if (getter.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
          extra.keySet().forEach(key -> unknown.add(path + "." + key));
        }
      } else if (!getter.getName().equals("getPlural") && !getter.getName().equals("getSingular")) {
        collectUnknownFields(value, path + "." + propertyName(getter), unknown);
      }
    }
  }

  private static boolean isModel(Class<?> type) {
    String name = type.getName();
    return (name.startsWith("io.fabric8.kubernetes.api.model.")
            || name.startsWith(RenderedChart.class.getPackageName() + "."))
        && !type.isEnum()
        && !name.equals("io.fabric8.kubernetes.api.model.Quantity")
        && !name.equals("io.fabric8.kubernetes.api.model.IntOrString");
  }

  private static Object invoke(Method getter, Object target) {
    try {
      return getter.invoke(target);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("Cannot read " + getter, e);
    }
  }

  private static String propertyName(Method getter) {
    String name = getter.getName().substring(getter.getName().startsWith("is") ? 2 : 3);
    return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }
}
