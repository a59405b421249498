package dev.signalyard.queryapi.broadcasts;

import dev.signalyard.schemas.broadcasts.BroadcastSeverity;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A severity filter as given in a query: one or more names ({@code ERROR}, {@code error,fatal}) or
 * a minimum ({@code >=ERROR}). CRITICAL is an alias of FATAL (drunc-ui offered CRITICAL while it
 * stored FATAL, so its filter never matched), WARN of WARNING. Order: DEBUG &lt; INFO &lt; WARNING
 * &lt; ERROR &lt; FATAL.
 *
 * <p>Thread-safety: immutable.
 */
record SeverityFilter(Set<BroadcastSeverity> accepted) implements Predicate<BroadcastSeverity> {

  static final SeverityFilter ANY = new SeverityFilter(EnumSet.allOf(BroadcastSeverity.class));

  /**
   * Parses {@code value}; null or blank accepts everything.
   *
   * @throws IllegalArgumentException saying what is accepted
   */
  static SeverityFilter parse(String value) {
    if (value == null || value.isBlank()) {
      return ANY;
    }
    String v = value.trim();
    if (v.startsWith(">=")) {
      BroadcastSeverity min = severity(v.substring(2));
      return new SeverityFilter(EnumSet.range(min, BroadcastSeverity.FATAL));
    }
    Set<BroadcastSeverity> set = EnumSet.noneOf(BroadcastSeverity.class);
    for (String name : v.split(",")) {
      set.add(severity(name));
    }
    return new SeverityFilter(set);
  }

  /**
   * A minimum given as {@code severity>=ERROR}, which a query string splits as {@code severity>}.
   */
  static SeverityFilter minimum(String value) {
    return new SeverityFilter(EnumSet.range(severity(value), BroadcastSeverity.FATAL));
  }

  static BroadcastSeverity severity(String name) {
    return switch (name.trim().toUpperCase(Locale.ROOT)) {
      case "DEBUG" -> BroadcastSeverity.DEBUG;
      case "INFO" -> BroadcastSeverity.INFO;
      case "WARNING", "WARN" -> BroadcastSeverity.WARNING;
      case "ERROR" -> BroadcastSeverity.ERROR;
      case "FATAL", "CRITICAL" -> BroadcastSeverity.FATAL;
      default ->
          throw new IllegalArgumentException(
              "must be DEBUG, INFO, WARNING, ERROR, FATAL (or CRITICAL), a comma-separated list of"
                  + " them, or a minimum such as >=ERROR");
    };
  }

  @Override
  public boolean test(BroadcastSeverity severity) {
    return accepted.contains(severity);
  }
}
