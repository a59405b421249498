package dev.signalyard.queryapi.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Token buckets in this JVM, for a single node without Redis. A bucket unused for a whole refill
 * period is full again, so dropping it then loses nothing; that bounds memory by the principals
 * active within one period (and by a hard cap against a flood of client addresses).
 *
 * <p>Thread-safety: thread-safe (Caffeine map, lock-free bucket4j buckets).
 */
final class InMemoryRateLimiter implements RateLimiter {

  static final long MAX_BUCKETS = 100_000;

  private final BucketConfiguration configuration;
  private final Cache<String, Bucket> buckets;

  InMemoryRateLimiter(BucketConfiguration configuration, Duration period) {
    this.configuration = configuration;
    this.buckets = Caffeine.newBuilder().expireAfterAccess(period).maximumSize(MAX_BUCKETS).build();
  }

  @Override
  public Mono<Duration> acquire(String key) {
    Bucket bucket = buckets.get(key, this::newBucket);
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    return probe.isConsumed()
        ? Mono.empty()
        : Mono.just(Duration.ofNanos(probe.getNanosToWaitForRefill()));
  }

  private Bucket newBucket(String key) {
    LocalBucketBuilder builder = Bucket.builder();
    for (Bandwidth bandwidth : configuration.getBandwidths()) {
      builder.addLimit(bandwidth);
    }
    return builder.build();
  }
}
