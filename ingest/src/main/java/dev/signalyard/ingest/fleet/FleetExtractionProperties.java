package dev.signalyard.ingest.fleet;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the fleet trip extractors, which pull trips from fleet-management systems on a
 * schedule. Off unless at least one extractor is named. The reference's plain environment variables
 * work too: {@code EXTRACTORS} (comma list) when {@link #extractors} is empty, and {@code
 * <EXTRACTOR>_KEYS} (e.g. {@code SKYHOST_V2_KEYS}) for an extractor without an entry in {@link
 * #keys}; see {@link ExtractorCatalog}.
 *
 * <p>Immutable, so thread-safe. {@link #toString()} never shows keys.
 *
 * @param extractors Extractors to run, by name (SKYHOST_V2, FLEETCOMPLETE, MILEAGEBOOK). Empty:
 *     falls back to the {@code EXTRACTORS} environment variable; empty too: nothing runs.
 * @param keys Credentials per extractor name, a comma list as in {@code <EXTRACTOR>_KEYS}:
 *     SKYHOST_V2 {@code account,key,account,key,...}; FLEETCOMPLETE and MILEAGEBOOK {@code
 *     key,key,...}, one per customer account.
 * @param baseUrls Base URL per extractor name, overriding the systems' public ones (tests,
 *     proxies).
 * @param interval Time between the starts of two rounds.
 * @param initialDelay Time from start-up to the first round.
 * @param initialLookback How far back a vehicle without a checkpoint is fetched.
 * @param safetyLag Rounds fetch up to now minus this, so trips still being recorded by the system
 *     are fetched in a later round.
 * @param tripOverlap Each window asks the system for trips starting this much before the window, so
 *     a trip that started in the previous window but ended in this one is not lost; trips are kept
 *     by their end time, so none is produced twice.
 * @param requestTimeout Longest time one HTTP call may take.
 * @param retryBase Wait before the second attempt after a 429, 5xx or network error; doubles with
 *     each further attempt.
 * @param retryCap Longest wait between two attempts, a Retry-After header included.
 * @param maxAttempts Calls made for one request before the vehicle is skipped for this round.
 * @param ackTimeout How long to wait for Kafka's acknowledgement of one window's trips.
 */
@ConfigurationProperties("signalyard.ingest.fleet")
public record FleetExtractionProperties(
    List<String> extractors,
    Map<String, String> keys,
    Map<String, URI> baseUrls,
    @DefaultValue("15m") Duration interval,
    @DefaultValue("10s") Duration initialDelay,
    @DefaultValue("30d") Duration initialLookback,
    @DefaultValue("5m") Duration safetyLag,
    @DefaultValue("1d") Duration tripOverlap,
    @DefaultValue("30s") Duration requestTimeout,
    @DefaultValue("2s") Duration retryBase,
    @DefaultValue("5m") Duration retryCap,
    @DefaultValue("6") int maxAttempts,
    @DefaultValue("30s") Duration ackTimeout) {

  public FleetExtractionProperties {
    extractors = extractors == null ? List.of() : List.copyOf(extractors);
    keys = keys == null ? Map.of() : Map.copyOf(keys);
    baseUrls = baseUrls == null ? Map.of() : Map.copyOf(baseUrls);
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("signalyard.ingest.fleet.interval must be positive");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("signalyard.ingest.fleet.max-attempts must be at least 1");
    }
    if (retryBase.isNegative() || retryCap.compareTo(retryBase) < 0) {
      throw new IllegalArgumentException(
          "signalyard.ingest.fleet.retry-cap must be at least retry-base, both not negative");
    }
  }

  /** Names the extractors with keys but never the keys, so the settings can be logged. */
  @Override
  public String toString() {
    return "FleetExtractionProperties[extractors="
        + extractors
        + ", keys="
        + new TreeMap<>(keys).keySet()
        + ", baseUrls="
        + baseUrls
        + ", interval="
        + interval
        + ", initialLookback="
        + initialLookback
        + ", safetyLag="
        + safetyLag
        + "]";
  }
}
