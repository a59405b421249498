package dev.signalyard.benchmarks;

import dev.signalyard.ingest.IngestApplication;
import dev.signalyard.queryapi.QueryApiApplication;
import dev.signalyard.streams.StreamsApplication;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the services of the broadcast benchmarks in this JVM, each in its own Spring context as in
 * production, against the benchmark's broker. Stateless; the caller closes the contexts, newest
 * first.
 */
final class BroadcastServices {

  private BroadcastServices() {}

  /** Ingest with the broadcast bridge on, reading upstream topics that match {@code patterns}. */
  static ConfigurableApplicationContext ingestWithBridge(
      String bootstrapServers, String groupId, String patterns) {
    return run(
        IngestApplication.application(),
        bootstrapServers,
        "--signalyard.ingest.broadcasts.bridge-enabled=true",
        "--signalyard.ingest.broadcasts.group-id=" + groupId,
        "--signalyard.ingest.broadcasts.topic-patterns=" + patterns,
        "--signalyard.ingest.broadcasts.metadata-max-age=1s");
  }

  static ConfigurableApplicationContext streams(
      String bootstrapServers, String applicationId, Path stateDir) {
    return run(
        StreamsApplication.application(),
        bootstrapServers,
        "--signalyard.streams.application-id=" + applicationId,
        "--signalyard.streams.state-dir=" + stateDir);
  }

  /** query-api without its optional fleet database, which the broadcast endpoints do not use. */
  static ConfigurableApplicationContext queryApi(String bootstrapServers) {
    return run(QueryApiApplication.application(), bootstrapServers);
  }

  static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  private static ConfigurableApplicationContext run(
      SpringApplication application, String bootstrapServers, String... args) {
    return application.run(
        Stream.concat(
                Stream.of(
                    "--server.port=0",
                    "--spring.main.banner-mode=off",
                    "--signalyard.kafka.bootstrap-servers=" + bootstrapServers),
                Stream.of(args))
            .toArray(String[]::new));
  }
}
