package dev.signalyard.ingest.fleet;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The fleet-management systems we know, and the extractors configured for them. Reads the names
 * from {@code signalyard.ingest.fleet.extractors} or else the {@code EXTRACTORS} environment
 * variable, and each one's keys from {@code signalyard.ingest.fleet.keys.<NAME>} or else {@code
 * <NAME>_KEYS}, as the reference did. Names the reference supports but we do not (yet) are refused,
 * as are unknown names and implemented ones without keys, so a deployment never starts believing it
 * extracts what it does not.
 *
 * <p>Stateless, thread-safe.
 */
final class ExtractorCatalog {

  static final List<String> IMPLEMENTED =
      List.of(SkyhostV2Extractor.NAME, FleetCompleteExtractor.NAME, MileagebookExtractor.NAME);

  /** The reference's other systems: SOAP, a municipality's own API, a database, a marking API. */
  static final List<String> NOT_IMPLEMENTED = List.of("SKYHOST", "GAMFLEET", "PUMA", "CLEVERTRACK");

  static final String EXTRACTORS_VARIABLE = "EXTRACTORS";

  private ExtractorCatalog() {}

  /**
   * The configured extractor names, upper-case, in order, without repeats.
   *
   * @param environment reads an environment variable (or any property) by exact name
   * @throws IllegalStateException naming every unimplemented or unknown name
   */
  static List<String> configuredNames(
      FleetExtractionProperties settings, UnaryOperator<String> environment) {
    List<String> raw = settings.extractors();
    if (raw.isEmpty()) {
      raw = split(environment.apply(EXTRACTORS_VARIABLE));
    }
    Set<String> names = new LinkedHashSet<>();
    raw.stream()
        .map(String::trim)
        .filter(n -> !n.isEmpty())
        .map(n -> n.toUpperCase(Locale.ROOT))
        .forEach(names::add);
    List<String> unimplemented = names.stream().filter(NOT_IMPLEMENTED::contains).toList();
    List<String> unknown =
        names.stream()
            .filter(n -> !IMPLEMENTED.contains(n) && !NOT_IMPLEMENTED.contains(n))
            .toList();
    if (!unimplemented.isEmpty() || !unknown.isEmpty()) {
      StringBuilder message = new StringBuilder("Fleet extractors refused:");
      if (!unimplemented.isEmpty()) {
        message.append(" not implemented: ").append(String.join(", ", unimplemented)).append(';');
      }
      if (!unknown.isEmpty()) {
        message.append(" unknown: ").append(String.join(", ", unknown)).append(';');
      }
      message
          .append(" implemented are ")
          .append(String.join(", ", IMPLEMENTED))
          .append(". Fix EXTRACTORS (or signalyard.ingest.fleet.extractors).");
      throw new IllegalStateException(message.toString());
    }
    return List.copyOf(names);
  }

  /**
   * The extractors for {@link #configuredNames}, each with its keys and base URL.
   *
   * @throws IllegalStateException for a refused name or an extractor without (valid) keys
   */
  static List<Extractor> create(
      FleetExtractionProperties settings,
      UnaryOperator<String> environment,
      FleetHttp http,
      Clock clock) {
    List<Extractor> extractors = new ArrayList<>();
    for (String name : configuredNames(settings, environment)) {
      List<String> keys = keys(settings, environment, name);
      if (keys.isEmpty()) {
        throw new IllegalStateException(
            "Fleet extractor "
                + name
                + " has no keys: set "
                + name
                + "_KEYS (or signalyard.ingest.fleet.keys."
                + name
                + ")");
      }
      try {
        extractors.add(create(name, keys, settings, http, clock));
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("Fleet extractor " + name + ": " + e.getMessage(), e);
      }
    }
    return extractors;
  }

  private static Extractor create(
      String name,
      List<String> keys,
      FleetExtractionProperties settings,
      FleetHttp http,
      Clock clock) {
    return switch (name) {
      case SkyhostV2Extractor.NAME ->
          new SkyhostV2Extractor(
              baseUrl(settings, name, SkyhostV2Extractor.DEFAULT_BASE_URL),
              SkyhostV2Extractor.accounts(keys),
              http,
              settings.tripOverlap(),
              clock);
      case FleetCompleteExtractor.NAME ->
          new FleetCompleteExtractor(
              baseUrl(settings, name, FleetCompleteExtractor.DEFAULT_BASE_URL),
              keys,
              http,
              settings.tripOverlap(),
              clock);
      case MileagebookExtractor.NAME ->
          new MileagebookExtractor(
              baseUrl(settings, name, MileagebookExtractor.DEFAULT_BASE_URL),
              keys,
              http,
              settings.tripOverlap(),
              clock);
      default -> throw new IllegalStateException("No extractor for " + name);
    };
  }

  private static List<String> keys(
      FleetExtractionProperties settings, UnaryOperator<String> environment, String name) {
    String configured = lookup(settings.keys(), name);
    return split(configured != null ? configured : environment.apply(name + "_KEYS"));
  }

  /** The base URL without a trailing slash, so paths can be appended. */
  private static URI baseUrl(FleetExtractionProperties settings, String name, URI fallback) {
    URI configured = lookup(settings.baseUrls(), name);
    String url = (configured != null ? configured : fallback).toString();
    return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
  }

  /**
   * A map entry by extractor name, however the binder spelled the key: map keys from properties and
   * environment variables may arrive lower-case or without the underscore.
   */
  private static <V> V lookup(Map<String, V> map, String name) {
    String wanted = normalise(name);
    return map.entrySet().stream()
        .filter(e -> normalise(e.getKey()).equals(wanted))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  private static String normalise(String name) {
    return name.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
  }

  private static List<String> split(String commaList) {
    if (commaList == null || commaList.isBlank()) {
      return List.of();
    }
    return Arrays.stream(commaList.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
