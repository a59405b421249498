package dev.signalyard.queryapi.fleet;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when {@code signalyard.fleet.database.url} is set to a non-blank value: only then does
 * query-api connect to the fleet database and serve the fleet reference endpoints.
 *
 * <p>Thread-safety: stateless.
 */
final class FleetDatabaseConfigured implements Condition {

  static final String PROPERTY = "signalyard.fleet.database.url";

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    return StringUtils.hasText(context.getEnvironment().getProperty(PROPERTY));
  }

  /** The opposite: no fleet database, so the endpoints answer 503. */
  static final class Not implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return !StringUtils.hasText(context.getEnvironment().getProperty(PROPERTY));
    }
  }
}
