package dev.signalyard.demo;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Renders docs/configuration.md from Spring's configuration metadata (generated at compile time
 * from each service's {@code @ConfigurationProperties} record) and from the demo's own variables,
 * so that the page cannot drift from the code.
 */
final class ConfigurationReference {

  /** Which service reads a property group. */
  private static final Map<String, String> USED_BY =
      Map.of(
          "signalyard.kafka", "all services",
          "signalyard.ingest", "ingest",
          "signalyard.streams", "streams",
          "signalyard.query", "query-api",
          "signalyard.security", "query-api",
          "signalyard.fleet", "query-api");

  private ConfigurationReference() {}

  record Property(String name, String type, String defaultValue, String description) {}

  static List<Property> signalyardProperties() throws IOException {
    Map<String, Property> properties = new TreeMap<>();
    ObjectMapper json = new ObjectMapper();
    List<URL> files =
        Collections.list(
            ConfigurationReference.class
                .getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"));
    for (URL file : files) {
      try (InputStream in = file.openStream()) {
        for (JsonNode p : json.readTree(in).path("properties")) {
          String name = p.path("name").asString();
          if (name.startsWith("signalyard.")) {
            properties.put(
                name,
                new Property(
                    name,
                    simpleType(p.path("type").asString()),
                    p.has("defaultValue") ? p.get("defaultValue").asString() : "",
                    markdown(p.path("description").asString(""))));
          }
        }
      }
    }
    return new ArrayList<>(properties.values());
  }

  /** Spring's canonical environment variable for a property (dots to _, dashes dropped). */
  static String environmentVariable(String property) {
    return property.replace("-", "").replace('.', '_').toUpperCase();
  }

  static String render() throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("# Configuration\n\n")
        .append(
            "<!-- Generated from the services' @ConfigurationProperties metadata and DemoSettings;"
                + " checked by ConfigurationDocTest. Regenerate with"
                + " `./mvnw -pl demo -am test -Dtest=ConfigurationDocTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dsignalyard.docs.update=true`. -->\n\n")
        .append(
            "Every setting is an environment variable (or the equivalent Spring property, e.g."
                + " `--signalyard.kafka.bootstrap-servers=...` on the command line). Durations"
                + " take a unit: `500ms`, `15s`, `1m`. Every variable has a default that works on"
                + " one machine.\n\n")
        .append("## Services\n\n")
        .append("| variable | property | used by | type | default | description |\n")
        .append("|---|---|---|---|---|---|\n");
    for (Property p : signalyardProperties()) {
      md.append("| `")
          .append(environmentVariable(p.name()))
          .append("` | `")
          .append(p.name())
          .append("` | ")
          .append(usedBy(p.name()))
          .append(" | ")
          .append(p.type())
          .append(" | ")
          .append(p.defaultValue().isEmpty() ? "(none)" : "`" + p.defaultValue() + "`")
          .append(" | ")
          .append(p.description())
          .append(" |\n");
    }
    md.append(
            "\n`SIGNALYARD_KAFKA_CLIENT_*` is a map: each entry is passed to every Kafka client"
                + " verbatim, for example `SIGNALYARD_KAFKA_CLIENT_SECURITY_PROTOCOL=SASL_SSL`"
                + " sets `security.protocol`.\n\n")
        .append("## Spring Boot settings the services rely on\n\n")
        .append("| variable | default | description |\n|---|---|---|\n")
        .append(
            "| `SERVER_PORT` | ingest `8081`, streams `8082`, query-api `8080` | HTTP port of"
                + " the service. |\n")
        .append(
            "| `MANAGEMENT_SERVER_PORT` | ingest `9081`, streams `9082`, query-api `9080`; `0`"
                + " (random) when `SERVER_PORT` is `0` | Port of actuator (`/actuator/health`,"
                + " `/actuator/prometheus`), which never answers on the API port unless this is"
                + " set to it. See [architecture](architecture.md#actuator-and-the-management-port)."
                + " |\n")
        .append(
            "| `SERVER_HTTP2_ENABLED` | `false` | `true`: query-api also speaks HTTP/2 on its"
                + " port (h2c, cleartext, prior knowledge or upgrade; h2 with TLS), so a proxy or"
                + " client can carry many server-sent event streams over one connection, up to"
                + " `SIGNALYARD_QUERY_LIVE_HTTP2MAXCONCURRENTSTREAMS` each. See"
                + " [architecture](architecture.md#sse-over-http2). |\n")
        .append(
            "| `LOGGING_LEVEL_<LOGGER>` | `WARN` for `org.apache.kafka` and `kafka`, `INFO`"
                + " otherwise | Log level per logger, e.g. `LOGGING_LEVEL_DEV_SIGNALYARD=DEBUG`. |\n")
        .append("\n## Read straight from the environment\n\n")
        .append("| variable | used by | description |\n|---|---|---|\n")
        .append(
            "| `ROCKBLOCK_USER` | ingest | RockBLOCK portal user for MT sends, when"
                + " `SIGNALYARD_INGEST_COMMANDS_USERNAME` is not set. Never logged. |\n")
        .append(
            "| `ROCKBLOCK_PASS` | ingest | RockBLOCK portal password for MT sends, when"
                + " `SIGNALYARD_INGEST_COMMANDS_PASSWORD` is not set. Never logged. |\n")
        .append(
            "| `ROLE_CHECK` | query-api | Role that may write (every method); default"
                + " `signalyard-write`. See [security](security.md). |\n")
        .append(
            "| `ROLE_CHECK_READ` | query-api | Role that may read (GET and SSE only); default"
                + " `signalyard-read`. |\n")
        .append("\n## Demo (`./run-demo`)\n\n")
        .append(
            "The demo runs all three services in one JVM, so it takes its ports from its own"
                + " variables rather than `SERVER_PORT`. Their management ports are the services'"
                + " defaults (9080, 9081, 9082; random for a service whose port is 0) and the demo"
                + " prints them; do not set `MANAGEMENT_SERVER_PORT` for the demo, all three would"
                + " ask for it.\n\n")
        .append("| variable | default | description |\n|---|---|---|\n");
    for (DemoSettings.Variable v : DemoSettings.VARIABLES) {
      md.append("| `")
          .append(v.name())
          .append("` | `")
          .append(v.defaultValue())
          .append("` | ")
          .append(v.description())
          .append(" |\n");
    }
    return md.toString();
  }

  /** Javadoc text as Markdown: collapse whitespace, {@code x} becomes `x`. */
  private static String markdown(String javadoc) {
    return javadoc.replaceAll("\\{@code ([^}]*)}", "`$1`").replaceAll("\\s+", " ").trim();
  }

  private static String usedBy(String property) {
    return USED_BY.entrySet().stream()
        .filter(e -> property.startsWith(e.getKey() + "."))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse("?");
  }

  /** {@code java.util.List<java.lang.String>} as {@code List<String>}, nested types by own name. */
  private static String simpleType(String type) {
    return type.replaceAll("\\b[a-z][a-z0-9_]*\\.", "").replaceAll("\\b\\w+\\$", "");
  }
}
