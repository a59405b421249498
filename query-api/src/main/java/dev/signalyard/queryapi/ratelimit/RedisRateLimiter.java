package dev.signalyard.queryapi.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;

/**
 * Token buckets in Redis (bucket4j's compare-and-swap Lettuce proxy), shared by every replica, so a
 * principal's budget does not grow with the number of replicas. Keys expire once their bucket would
 * be full again.
 *
 * <p>Thread-safety: thread-safe; one Lettuce connection is shared by all requests, as Lettuce
 * intends.
 */
final class RedisRateLimiter implements RateLimiter, AutoCloseable {

  static final String KEY_PREFIX = "signalyard:rate-limit:";

  private final StatefulRedisConnection<String, byte[]> connection;
  private final AsyncProxyManager<String> buckets;
  private final CompletableFuture<BucketConfiguration> configuration;

  RedisRateLimiter(RedisClient client, BucketConfiguration configuration, Duration period) {
    this.connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    this.buckets =
        Bucket4jLettuce.casBasedBuilder(connection)
            .expirationAfterWrite(
                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(period))
            .build()
            .asAsync();
    this.configuration = CompletableFuture.completedFuture(configuration);
  }

  @Override
  public Mono<Duration> acquire(String key) {
    return Mono.fromFuture(
            () ->
                buckets
                    .builder()
                    .build(KEY_PREFIX + key, () -> configuration)
                    .tryConsumeAndReturnRemaining(1))
        .flatMap(RedisRateLimiter::waitTime);
  }

  private static Mono<Duration> waitTime(ConsumptionProbe probe) {
    return probe.isConsumed()
        ? Mono.empty()
        : Mono.just(Duration.ofNanos(probe.getNanosToWaitForRefill()));
  }

  @Override
  public void close() {
    connection.close();
  }
}
