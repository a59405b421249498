package dev.signalyard.queryapi.security;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when Redis is configured with Spring Boot's standard keys, {@code spring.data.redis.url}
 * or {@code spring.data.redis.host} ({@code SPRING_DATA_REDIS_URL}, {@code
 * SPRING_DATA_REDIS_HOST}). Without either, web sessions and rate-limit buckets stay in memory.
 *
 * <p>Thread-safety: stateless.
 */
public final class RedisConfigured implements Condition {

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    return isConfigured(context.getEnvironment());
  }

  static boolean isConfigured(Environment environment) {
    return StringUtils.hasText(environment.getProperty("spring.data.redis.url"))
        || StringUtils.hasText(environment.getProperty("spring.data.redis.host"));
  }
}
