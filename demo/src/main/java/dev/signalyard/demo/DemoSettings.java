package dev.signalyard.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the demo can be told through environment variables. Each has a default, so the demo needs no
 * configuration at all; {@link #VARIABLES} is the documented list (checked against
 * docs/configuration.md by a test).
 */
record DemoSettings(
    int queryApiPort,
    int ingestPort,
    int streamsPort,
    int kafkaPort,
    int postgresPort,
    int devices,
    Duration feedInterval) {

  /** A documented environment variable of the demo. */
  record Variable(String name, String defaultValue, String description) {}

  static final List<Variable> VARIABLES =
      List.of(
          new Variable("SIGNALYARD_DEMO_QUERY_API_PORT", "8080", "HTTP port of query-api."),
          new Variable("SIGNALYARD_DEMO_INGEST_PORT", "8081", "HTTP port of ingest (webhooks)."),
          new Variable(
              "SIGNALYARD_DEMO_STREAMS_PORT", "8082", "HTTP port of streams (health, metrics)."),
          new Variable(
              "SIGNALYARD_DEMO_KAFKA_PORT", "0", "Port of the embedded Kafka broker; 0 picks one."),
          new Variable(
              "SIGNALYARD_DEMO_POSTGRES_PORT",
              "0",
              "Port of the embedded PostgreSQL server; 0 picks one."),
          new Variable(
              "SIGNALYARD_DEMO_DEVICES", "5", "Number of simulated trackers in the demo feed."),
          new Variable(
              "SIGNALYARD_DEMO_FEED_INTERVAL",
              "1s",
              "Time between two reports of the demo feed (e.g. 500ms, 2s)."));

  static DemoSettings from(Map<String, String> env) {
    Function<String, String> value =
        name ->
            env.getOrDefault(
                name,
                VARIABLES.stream()
                    .filter(v -> v.name().equals(name))
                    .findFirst()
                    .orElseThrow()
                    .defaultValue());
    return new DemoSettings(
        port(value, "SIGNALYARD_DEMO_QUERY_API_PORT"),
        port(value, "SIGNALYARD_DEMO_INGEST_PORT"),
        port(value, "SIGNALYARD_DEMO_STREAMS_PORT"),
        port(value, "SIGNALYARD_DEMO_KAFKA_PORT"),
        port(value, "SIGNALYARD_DEMO_POSTGRES_PORT"),
        Integer.parseInt(value.apply("SIGNALYARD_DEMO_DEVICES")),
        duration(value.apply("SIGNALYARD_DEMO_FEED_INTERVAL")));
  }

  private static int port(Function<String, String> value, String name) {
    int port = Integer.parseInt(value.apply(name));
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(name + " must be a port from 0 to 65535, got " + port);
    }
    return port;
  }

  static Duration duration(String text) {
    String t = text.trim().toLowerCase();
    if (t.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
    }
    if (t.endsWith("s")) {
      return Duration.ofMillis((long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
    }
    return Duration.ofMillis(Long.parseLong(t));
  }
}
