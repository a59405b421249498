package dev.signalyard.queryapi.security;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when {@code signalyard.security.issuer-uri} is set to a non-blank value. A blank value
 * counts as unset, so that {@code SIGNALYARD_SECURITY_ISSUERURI=} cannot half-enable security.
 *
 * <p>Thread-safety: stateless.
 */
final class IssuerConfigured implements Condition {

  static final String PROPERTY = "signalyard.security.issuer-uri";

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    return StringUtils.hasText(context.getEnvironment().getProperty(PROPERTY));
  }
}
