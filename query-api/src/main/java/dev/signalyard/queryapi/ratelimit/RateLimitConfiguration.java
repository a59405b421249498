package dev.signalyard.queryapi.ratelimit;

import dev.signalyard.queryapi.QueryApiProperties;
import dev.signalyard.queryapi.QueryApiProperties.RateLimit;
import dev.signalyard.queryapi.security.AccessProblems;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.lettuce.core.RedisClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Request limits: the body size filter always; the rate limiter unless turned off, with its buckets
 * in Redis when Redis is configured and in memory otherwise.
 *
 * <p>Thread-safety: configuration, used once at start-up.
 */
@Configuration(proxyBeanMethods = false)
public class RateLimitConfiguration {

  private static final Logger log = LoggerFactory.getLogger(RateLimitConfiguration.class);

  @Bean
  BodySizeWebFilter bodySizeWebFilter(QueryApiProperties properties, AccessProblems problems) {
    return new BodySizeWebFilter(properties.maxBodySize(), properties.maxUploadSize(), problems);
  }

  @Bean
  @ConditionalOnBooleanProperty(name = "signalyard.query.rate-limit.enabled", matchIfMissing = true)
  RateLimiter rateLimiter(QueryApiProperties properties, ObjectProvider<RedisClient> redis) {
    RateLimit limit = properties.rateLimit();
    BucketConfiguration configuration =
        BucketConfiguration.builder()
            .addLimit(
                Bandwidth.builder()
                    .capacity(limit.capacity())
                    .refillGreedy(limit.capacity(), limit.period())
                    .build())
            .build();
    RedisClient client = redis.getIfAvailable();
    log.info(
        "Rate limit: {} requests per {} per principal, buckets {}",
        limit.capacity(),
        limit.period(),
        client == null ? "in memory" : "in Redis");
    return client == null
        ? new InMemoryRateLimiter(configuration, limit.period())
        : new RedisRateLimiter(client, configuration, limit.period());
  }

  @Bean
  @ConditionalOnBooleanProperty(name = "signalyard.query.rate-limit.enabled", matchIfMissing = true)
  RateLimitWebFilter rateLimitWebFilter(
      RateLimiter rateLimiter,
      AccessProblems problems,
      ObjectProvider<RateLimitExemption> exemptions) {
    return new RateLimitWebFilter(rateLimiter, problems, exemptions.orderedStream().toList());
  }
}
