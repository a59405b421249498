package dev.signalyard.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;

/** Reading and merging values files the way Helm does. */
final class ChartValues {

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ChartValues() {}

  static JsonNode read(Path file) {
    try {
      JsonNode node = YAML.readTree(file.toFile());
      return node == null || node.isMissingNode() ? YAML.createObjectNode() : node;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Helm's merge of a values file over the defaults: maps merge key by key, everything else (lists
   * included) is replaced.
   */
  static JsonNode merge(JsonNode base, JsonNode overlay) {
    if (!(base instanceof ObjectNode baseObject) || !overlay.isObject()) {
      return overlay.deepCopy();
    }
    ObjectNode merged = baseObject.deepCopy();
    for (Iterator<Map.Entry<String, JsonNode>> it = overlay.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode existing = merged.get(field.getKey());
      merged.set(
          field.getKey(),
          existing == null ? field.getValue().deepCopy() : merge(existing, field.getValue()));
    }
    return merged;
  }

  /**
   * A copy of the chart whose values.yaml is the defaults merged with {@code overlay}. helm-java's
   * lint takes no values files, so this is how `helm lint --strict -f <file>` is reproduced.
   */
  static Path chartCopyWithValues(Path chart, Path overlay, Path target) throws IOException {
    try (Stream<Path> files = Files.walk(chart)) {
      for (Path source : files.toList()) {
        Path copy = target.resolve(chart.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(source, copy);
        }
      }
    }
    JsonNode merged = merge(read(chart.resolve("values.yaml")), read(overlay));
    YAML.writeValue(target.resolve("values.yaml").toFile(), merged);
    return target;
  }
}
