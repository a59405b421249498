package dev.signalyard.ingest.fleet;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The extractors' Micrometer meters, each tagged with the extractor's name:
 *
 * <ul>
 *   <li>{@value #REQUESTS}: HTTP calls made to the system, retries included;
 *   <li>{@value #FAILURES}: failed calls and skipped vehicles, tagged {@code status} with the HTTP
 *       status, {@code io} for a network error, {@code unreadable} for an answer we cannot read, or
 *       {@code kafka} when Kafka did not acknowledge;
 *   <li>{@value #TRIPS}: trips fetched and acknowledged by Kafka;
 *   <li>{@value #LAST_SUCCESS}: epoch seconds of the last vehicle window that was fully stored.
 * </ul>
 *
 * <p>Thread-safe.
 */
final class ExtractorMetrics {

  static final String REQUESTS = "signalyard.fleet.extractor.requests";
  static final String FAILURES = "signalyard.fleet.extractor.failures";
  static final String TRIPS = "signalyard.fleet.extractor.trips";
  static final String LAST_SUCCESS = "signalyard.fleet.extractor.last.success";

  private final MeterRegistry registry;
  private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();

  ExtractorMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void request(String extractor) {
    Counter.builder(REQUESTS)
        .description("HTTP calls made to a fleet-management system")
        .tag("extractor", extractor)
        .register(registry)
        .increment();
  }

  /** Counts a failure; {@code status} is an HTTP status, "io", "unreadable" or "kafka". */
  void failure(String extractor, String status) {
    Counter.builder(FAILURES)
        .description("Failed calls to a fleet-management system and failed stores, by status")
        .tag("extractor", extractor)
        .tag("status", status)
        .register(registry)
        .increment();
  }

  void trips(String extractor, int count) {
    Counter.builder(TRIPS)
        .description("Trips fetched from a fleet-management system and acknowledged by Kafka")
        .tag("extractor", extractor)
        .register(registry)
        .increment(count);
  }

  void success(String extractor, Instant at) {
    lastSuccess
        .computeIfAbsent(
            extractor,
            name -> {
              AtomicLong seconds = new AtomicLong();
              Gauge.builder(LAST_SUCCESS, seconds, AtomicLong::get)
                  .description("Epoch seconds of the last window of trips stored")
                  .baseUnit("seconds")
                  .tag("extractor", name)
                  .register(registry);
              return seconds;
            })
        .set(at.getEpochSecond());
  }
}
