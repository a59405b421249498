package dev.signalyard.ingest.fleet;

import dev.signalyard.platform.runtime.Backoff;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Blocking JSON GETs to fleet-management systems with capped exponential backoff: HTTP 429, 5xx and
 * network errors are retried up to {@link Backoff#maxAttempts()} calls, honouring a Retry-After
 * header; any other 4xx fails at once. Every call and failure is counted in {@link
 * ExtractorMetrics}. Logs name the path only, never the query or headers, which carry credentials.
 *
 * <p>Thread-safe: the JDK client is; calls block the calling thread (the extraction thread).
 */
final class FleetHttp {

  /** How the wait between two calls is spent; tests record it instead of sleeping. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private static final Logger log = LoggerFactory.getLogger(FleetHttp.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient client;
  private final Duration requestTimeout;
  private final Backoff delays;
  private final Sleeper sleeper;
  private final ExtractorMetrics metrics;

  FleetHttp(
      HttpClient client,
      Duration requestTimeout,
      Backoff delays,
      Sleeper sleeper,
      ExtractorMetrics metrics) {
    this.client = client;
    this.requestTimeout = requestTimeout;
    this.delays = delays;
    this.sleeper = sleeper;
    this.metrics = metrics;
  }

  /**
   * GETs {@code uri} with {@code headers} and parses the JSON answer.
   *
   * @throws FleetSystemException on a 4xx other than 429, or when every attempt failed
   */
  JsonNode getJson(String extractor, URI uri, Map<String, String> headers) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri).timeout(requestTimeout).header("Accept", "application/json");
    headers.forEach(builder::header);
    HttpRequest request = builder.GET().build();
    for (int attempt = 1; ; attempt++) {
      metrics.request(extractor);
      Duration retryAfter = null;
      String failure;
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status / 100 == 2) {
          return parse(extractor, uri, response.body());
        }
        metrics.failure(extractor, Integer.toString(status));
        if (status != 429 && status / 100 != 5) {
          throw new FleetSystemException(
              status, extractor + " answered " + status + " to GET " + uri.getPath());
        }
        retryAfter = retryAfter(response.headers().firstValue("Retry-After").orElse(null));
        failure = "HTTP " + status;
        if (attempt >= delays.maxAttempts()) {
          throw new FleetSystemException(
              status,
              extractor + " answered " + status + " to GET " + uri.getPath() + " " + attempt + "x");
        }
      } catch (IOException e) {
        metrics.failure(extractor, "io");
        failure = e.toString();
        if (attempt >= delays.maxAttempts()) {
          throw new FleetSystemException(
              extractor + " unreachable for GET " + uri.getPath() + ": " + e, e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new FleetSystemException("interrupted during GET " + uri.getPath(), e);
      }
      Duration wait = delays.delayAfter(attempt, retryAfter);
      log.warn(
          "{} GET {}: attempt {} of {} failed ({}); retrying in {} ms",
          extractor,
          uri.getPath(),
          attempt,
          delays.maxAttempts(),
          failure,
          wait.toMillis());
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new FleetSystemException("interrupted during GET " + uri.getPath(), e);
      }
    }
  }

  private JsonNode parse(String extractor, URI uri, String body) {
    try {
      return JSON.readTree(body);
    } catch (JacksonException e) {
      metrics.failure(extractor, "unreadable");
      throw new FleetSystemException(
          200, extractor + " answered GET " + uri.getPath() + " with no valid JSON");
    }
  }

  /** Retry-After as delta-seconds or an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.trim();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration delay = Duration.between(Instant.now(), at);
        return delay.isNegative() ? Duration.ZERO : delay;
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }
}
