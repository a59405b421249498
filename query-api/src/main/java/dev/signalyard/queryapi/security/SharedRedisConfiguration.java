package dev.signalyard.queryapi.security;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.session.data.redis.config.annotation.web.server.EnableRedisWebSession;
import org.springframework.util.StringUtils;

/**
 * Redis, when configured ({@link RedisConfigured}): web sessions shared by every replica, so a
 * dashboard stays logged in whichever replica answers, and a Lettuce client for the rate-limit
 * buckets.
 *
 * <p>Boot's Redis auto-configuration is deliberately not on the class path: it would connect to
 * localhost, and report health DOWN, when no Redis is wanted. This class reads Boot's standard keys
 * ({@code spring.data.redis.url}, or {@code host}, {@code port}, {@code username}, {@code
 * password}, {@code database}, {@code ssl.enabled}) itself, so deployments configure Redis the
 * usual way.
 *
 * <p>Thread-safety: configuration, used once at start-up.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(RedisConfigured.class)
@EnableRedisWebSession(
    maxInactiveIntervalInSeconds = 8 * 60 * 60,
    redisNamespace = "signalyard:sessions")
public class SharedRedisConfiguration {

  static final int DEFAULT_PORT = 6379;

  @Bean
  RedisURI redisUri(Environment environment) {
    String url = environment.getProperty("spring.data.redis.url");
    RedisURI uri;
    if (StringUtils.hasText(url)) {
      uri = RedisURI.create(url);
    } else {
      uri =
          RedisURI.builder()
              .withHost(environment.getProperty("spring.data.redis.host"))
              .withPort(
                  environment.getProperty("spring.data.redis.port", Integer.class, DEFAULT_PORT))
              .withDatabase(environment.getProperty("spring.data.redis.database", Integer.class, 0))
              .withSsl(
                  environment.getProperty("spring.data.redis.ssl.enabled", Boolean.class, false))
              .build();
      String password = environment.getProperty("spring.data.redis.password");
      if (StringUtils.hasText(password)) {
        String username = environment.getProperty("spring.data.redis.username");
        RedisURI.Builder withCredentials = RedisURI.builder(uri);
        uri =
            (StringUtils.hasText(username)
                    ? withCredentials.withAuthentication(username, password)
                    : withCredentials.withPassword(password.toCharArray()))
                .build();
      }
    }
    uri.setTimeout(Duration.ofSeconds(5));
    return uri;
  }

  /** The connection factory Spring Session's reactive Redis repository uses. */
  @Bean
  LettuceConnectionFactory redisConnectionFactory(RedisURI uri) {
    org.springframework.data.redis.connection.RedisConfiguration server =
        LettuceConnectionFactory.createRedisConfiguration(uri);
    LettuceClientConfiguration.LettuceClientConfigurationBuilder client =
        LettuceClientConfiguration.builder().commandTimeout(uri.getTimeout());
    if (uri.isSsl()) {
      client.useSsl();
    }
    return new LettuceConnectionFactory(server, client.build());
  }

  /** A Lettuce client of its own for the rate limiter, which talks to Lettuce directly. */
  @Bean(destroyMethod = "shutdown")
  RedisClient rateLimitRedisClient(RedisURI uri) {
    return RedisClient.create(uri);
  }
}
