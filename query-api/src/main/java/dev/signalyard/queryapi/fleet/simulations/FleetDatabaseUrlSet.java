package dev.signalyard.queryapi.fleet.simulations;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when {@code signalyard.fleet.database.url} is set, as the fleet reference store's own
 * condition does: then the run history lives in PostgreSQL.
 *
 * <p>Thread-safety: stateless.
 */
final class FleetDatabaseUrlSet implements Condition {

  static final String PROPERTY = "signalyard.fleet.database.url";

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    return StringUtils.hasText(context.getEnvironment().getProperty(PROPERTY));
  }

  /** The opposite: no fleet database, so the history comes from the results topic. */
  static final class Not implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return !StringUtils.hasText(context.getEnvironment().getProperty(PROPERTY));
    }
  }
}
