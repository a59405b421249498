package dev.signalyard.ingest.fleet;

import dev.signalyard.platform.runtime.Backoff;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The HTTP side of an extractor as a test builds it: real JDK client, retry waits recorded instead
 * of slept, meters in a simple registry. Not thread-safe beyond what its parts are.
 */
final class FleetSystemClients {

  static final Clock RECEIVED = Clock.fixed(Instant.parse("2024-11-05T12:00:00Z"), ZoneOffset.UTC);

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final ExtractorMetrics metrics = new ExtractorMetrics(registry);
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  final FleetHttp http;

  FleetSystemClients(Duration retryBase, Duration retryCap, int maxAttempts) {
    http =
        new FleetHttp(
            HttpClient.newHttpClient(),
            Duration.ofSeconds(10),
            new Backoff(retryBase, retryCap, maxAttempts),
            sleeps::add,
            metrics);
  }

  FleetSystemClients() {
    this(Duration.ofSeconds(1), Duration.ofSeconds(30), 4);
  }

  double counter(String name, String... tags) {
    var counter = registry.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }
}
