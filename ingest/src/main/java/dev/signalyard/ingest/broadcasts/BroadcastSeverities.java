package dev.signalyard.ingest.broadcasts;

import dev.signalyard.ingest.broadcasts.proto.BroadcastType;
import dev.signalyard.schemas.broadcasts.BroadcastSeverity;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Severity of each message. drunc broadcasts carry none, so it is derived from the type: the
 * defaults are drunc-ui's mapping (DEBUG for ACK, COMMAND_EXECUTION_SUCCESS and DEBUG; ERROR for
 * DRUNC_EXCEPTION_RAISED and CHILD_COMMAND_EXECUTION_FAILED; FATAL for UNHANDLED_EXCEPTION_RAISED;
 * INFO otherwise), and any type can be overridden. ERS issues carry a severity string, upper-cased
 * here; drunc-ui's CRITICAL is an alias of FATAL.
 *
 * <p>Thread-safety: immutable.
 */
public final class BroadcastSeverities {

  private final Map<BroadcastType, BroadcastSeverity> byType;

  /**
   * @param overrides severity by BroadcastType name
   * @throws IllegalArgumentException naming an override that is not a BroadcastType
   */
  public BroadcastSeverities(Map<String, BroadcastSeverity> overrides) {
    Map<BroadcastType, BroadcastSeverity> map = new EnumMap<>(BroadcastType.class);
    for (BroadcastType type : BroadcastType.values()) {
      if (type != BroadcastType.UNRECOGNIZED) {
        map.put(type, defaultOf(type));
      }
    }
    overrides.forEach(
        (name, severity) -> {
          try {
            map.put(BroadcastType.valueOf(name.toUpperCase(Locale.ROOT)), severity);
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                "signalyard.ingest.broadcasts.severities."
                    + name
                    + " names no drunc BroadcastType (ACK ... FSM_STATUS_UPDATE)",
                e);
          }
        });
    this.byType = map;
  }

  static BroadcastSeverity defaultOf(BroadcastType type) {
    return switch (type) {
      case ACK, COMMAND_EXECUTION_SUCCESS, DEBUG -> BroadcastSeverity.DEBUG;
      case DRUNC_EXCEPTION_RAISED, CHILD_COMMAND_EXECUTION_FAILED -> BroadcastSeverity.ERROR;
      case UNHANDLED_EXCEPTION_RAISED -> BroadcastSeverity.FATAL;
      default -> BroadcastSeverity.INFO;
    };
  }

  /** Severity of a drunc broadcast of {@code type}; INFO for a type this build does not know. */
  public BroadcastSeverity of(BroadcastType type) {
    return byType.getOrDefault(type, BroadcastSeverity.INFO);
  }

  /**
   * Severity named by a string (ERS issues, posted messages), case-insensitive: DEBUG, INFO,
   * WARNING, ERROR, FATAL, plus the aliases CRITICAL (FATAL), WARN (WARNING), LOG and INFORMATION
   * (INFO, ERS's own names). Blank or unknown gives INFO, as drunc-ui does.
   */
  public static BroadcastSeverity parse(String severity) {
    BroadcastSeverity known = parseStrict(severity);
    return known == null ? BroadcastSeverity.INFO : known;
  }

  /** Like {@link #parse} but null for a blank or unknown name. */
  public static BroadcastSeverity parseStrict(String severity) {
    if (severity == null) {
      return null;
    }
    return switch (severity.trim().toUpperCase(Locale.ROOT)) {
      case "DEBUG" -> BroadcastSeverity.DEBUG;
      case "INFO", "INFORMATION", "LOG" -> BroadcastSeverity.INFO;
      case "WARNING", "WARN" -> BroadcastSeverity.WARNING;
      case "ERROR" -> BroadcastSeverity.ERROR;
      case "FATAL", "CRITICAL" -> BroadcastSeverity.FATAL;
      default -> null;
    };
  }
}
