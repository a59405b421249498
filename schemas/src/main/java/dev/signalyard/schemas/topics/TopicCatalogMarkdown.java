package dev.signalyard.schemas.topics;

import dev.signalyard.schemas.serde.SignalyardSchemaStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;

/**
 * Renders {@link TopicCatalog} and the Avro schemas of its values as the Markdown page {@code
 * docs/topics.md}, so the documentation cannot drift from the code: {@code TopicCatalogDocTest}
 * fails when the checked-in page differs from {@link #render()}.
 *
 * <p>Thread-safety: stateless.
 */
public final class TopicCatalogMarkdown {

  private TopicCatalogMarkdown() {}

  /** Prints the page to standard output. */
  public static void main(String[] args) {
    System.out.print(render());
  }

  /** The whole page; deterministic, with {@code \n} line ends. */
  public static String render() {
    StringBuilder out = new StringBuilder();
    out.append("# Topics\n\n")
        .append("> Generated from `TopicCatalog` (schemas module) and checked by")
        .append(" `TopicCatalogDocTest`; do not edit by hand. Regenerate with")
        .append(" `./mvnw -pl schemas test -Dsignalyard.docs.update=true`.\n\n")
        .append("Values are Avro single-object encoded (`AvroSerde`); a value written with any")
        .append(" released version of its schema is read with the current one.\n\n");
    topicTable(out);

    Map<String, List<TopicSpec>> topicsBySchema = new LinkedHashMap<>();
    Map<String, Schema> schemas = new LinkedHashMap<>();
    for (TopicSpec topic : TopicCatalog.all()) {
      Schema schema = topic.valueSchema();
      schemas.putIfAbsent(schema.getFullName(), schema);
      topicsBySchema.computeIfAbsent(schema.getFullName(), n -> new ArrayList<>()).add(topic);
    }
    // A named type shared by two value schemas is described once, under the first.
    Set<String> described = new HashSet<>();
    schemas.forEach(
        (name, schema) -> valueSchemaSection(out, schema, topicsBySchema.get(name), described));
    return out.toString();
  }

  private static void topicTable(StringBuilder out) {
    out.append("| Topic | Key | Value schema | Partitions | Retention | Cleanup | Description |\n")
        .append("| --- | --- | --- | ---: | --- | --- | --- |\n");
    for (TopicSpec topic : TopicCatalog.all()) {
      row(
          out,
          code(topic.name()),
          topic.key(),
          link(topic.valueSchema()),
          Integer.toString(topic.partitions()),
          retention(topic.retention()),
          topic.cleanupPolicy().configValue(),
          topic.description());
    }
  }

  private static void valueSchemaSection(
      StringBuilder out, Schema schema, List<TopicSpec> topics, Set<String> described) {
    described.add(schema.getFullName());
    out.append("\n## ").append(schema.getName()).append("\n\n");
    doc(out, schema);
    out.append(code(schema.getFullName()))
        .append(", released versions: ")
        .append(releasedVersions(schema))
        .append(". Topics: ")
        .append(topics.stream().map(t -> code(t.name())).collect(Collectors.joining(", ")))
        .append(".\n\n");
    fieldTable(out, schema);
    List<Schema> nested = new ArrayList<>();
    collectNamedTypes(schema, described, nested);
    for (Schema type : nested) {
      out.append("\n### ").append(type.getName()).append("\n\n");
      doc(out, type);
      switch (type.getType()) {
        case RECORD -> fieldTable(out, type);
        case ENUM -> enumSymbols(out, type);
        default -> out.append("Fixed, ").append(type.getFixedSize()).append(" bytes.\n");
      }
    }
  }

  private static void fieldTable(StringBuilder out, Schema record) {
    out.append("| Field | Type | Default | Description |\n").append("| --- | --- | --- | --- |\n");
    for (Schema.Field field : record.getFields()) {
      row(
          out,
          code(field.name()),
          type(field.schema()),
          field.hasDefaultValue() ? code(json(field.defaultVal())) : "*required*",
          field.doc() == null ? "" : field.doc());
    }
  }

  private static void enumSymbols(StringBuilder out, Schema enumType) {
    out.append("Symbols: ")
        .append(
            enumType.getEnumSymbols().stream()
                .map(TopicCatalogMarkdown::code)
                .collect(Collectors.joining(", ")))
        .append(".");
    if (enumType.getEnumDefault() != null) {
      out.append(" Symbols unknown to the reader are read as ")
          .append(code(enumType.getEnumDefault()))
          .append(".");
    }
    out.append("\n");
  }

  private static void collectNamedTypes(Schema schema, Set<String> described, List<Schema> into) {
    switch (schema.getType()) {
      case RECORD -> {
        for (Schema.Field field : schema.getFields()) {
          addNamed(field.schema(), described, into);
        }
      }
      case ARRAY -> addNamed(schema.getElementType(), described, into);
      case MAP -> addNamed(schema.getValueType(), described, into);
      case UNION -> schema.getTypes().forEach(branch -> addNamed(branch, described, into));
      default -> {}
    }
  }

  private static void addNamed(Schema schema, Set<String> described, List<Schema> into) {
    boolean named =
        switch (schema.getType()) {
          case RECORD, ENUM, FIXED -> true;
          default -> false;
        };
    if (named) {
      if (!described.add(schema.getFullName())) {
        return;
      }
      into.add(schema);
    }
    collectNamedTypes(schema, described, into);
  }

  private static String type(Schema schema) {
    String name =
        switch (schema.getType()) {
          case RECORD, ENUM, FIXED -> link(schema);
          case ARRAY -> "array of " + type(schema.getElementType());
          case MAP -> "map of " + type(schema.getValueType());
          case UNION ->
              schema.getTypes().stream()
                  .map(TopicCatalogMarkdown::type)
                  .collect(Collectors.joining(" or "));
          default -> schema.getName();
        };
    return schema.getLogicalType() == null
        ? name
        : name + " (" + schema.getLogicalType().getName() + ")";
  }

  private static String releasedVersions(Schema schema) {
    int count = SignalyardSchemaStore.released().versions(schema.getFullName()).size();
    if (count == 0) {
      return "none yet";
    }
    List<String> versions = new ArrayList<>();
    for (int v = 1; v <= count; v++) {
      versions.add("v" + v);
    }
    return String.join(", ", versions);
  }

  private static String retention(Duration retention) {
    if (retention == null) {
      return "forever";
    }
    long days = retention.toDays();
    if (days > 0 && retention.equals(Duration.ofDays(days))) {
      return days + (days == 1 ? " day" : " days");
    }
    return retention.toString();
  }

  /** Renders an Avro default value (as {@link Schema.Field#defaultVal()} gives it) as JSON. */
  private static String json(Object value) {
    if (value == null || value == JsonProperties.NULL_VALUE) {
      return "null";
    }
    if (value instanceof CharSequence || value instanceof byte[]) {
      String text =
          value instanceof byte[] bytes
              ? new String(bytes, StandardCharsets.ISO_8859_1)
              : value.toString();
      return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
    if (value instanceof Map<?, ?> map) {
      return map.entrySet().stream()
          .map(e -> json(e.getKey()) + ": " + json(e.getValue()))
          .collect(Collectors.joining(", ", "{", "}"));
    }
    if (value instanceof Collection<?> items) {
      return items.stream()
          .map(TopicCatalogMarkdown::json)
          .collect(Collectors.joining(", ", "[", "]"));
    }
    return value.toString();
  }

  private static void doc(StringBuilder out, Schema schema) {
    if (schema.getDoc() != null) {
      out.append(schema.getDoc()).append("\n\n");
    }
  }

  private static String link(Schema named) {
    return "[" + named.getName() + "](#" + named.getName().toLowerCase(Locale.ROOT) + ")";
  }

  private static String code(String text) {
    return "`" + text + "`";
  }

  private static void row(StringBuilder out, String... cells) {
    out.append("|");
    for (String cell : cells) {
      // A pipe would end the cell and a line break the row.
      out.append(' ').append(cell.replace("|", "\\|").replace('\n', ' ')).append(" |");
    }
    out.append("\n");
  }
}
