package dev.signalyard.ingest.commands;

import dev.signalyard.ingest.IngestProperties;
import java.util.Optional;
import org.springframework.core.env.PropertyResolver;

/**
 * The RockBLOCK portal login the MT endpoint wants with every message. Its {@link #toString()}
 * hides both values, so that a credential cannot reach a log through a stray string conversion.
 *
 * <p>Thread-safety: immutable.
 *
 * @param username portal user name
 * @param password portal password
 */
record MtCredentials(String username, String password) {

  /** Environment variable the user name falls back to, as in RockBLOCK's own examples. */
  static final String USER_VARIABLE = "ROCKBLOCK_USER";

  /** Environment variable the password falls back to. */
  static final String PASSWORD_VARIABLE = "ROCKBLOCK_PASS";

  /**
   * The configured credentials: {@code signalyard.ingest.commands.username}/{@code password}, each
   * falling back to {@value #USER_VARIABLE}/{@value #PASSWORD_VARIABLE}; empty unless both are set.
   */
  static Optional<MtCredentials> resolve(
      IngestProperties.Commands settings, PropertyResolver environment) {
    String username = orElse(settings.username(), environment.getProperty(USER_VARIABLE));
    String password = orElse(settings.password(), environment.getProperty(PASSWORD_VARIABLE));
    if (username.isBlank() || password.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new MtCredentials(username, password));
  }

  private static String orElse(String value, String fallback) {
    if (value != null && !value.isBlank()) {
      return value;
    }
    return fallback == null ? "" : fallback;
  }

  @Override
  public String toString() {
    return "MtCredentials[hidden]";
  }
}
