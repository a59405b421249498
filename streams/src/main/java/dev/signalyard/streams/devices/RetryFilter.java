package dev.signalyard.streams.devices;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Drops sender retries: a record whose identity and time were seen before is not forwarded again.
 * Senders redeliver when they miss our 200 (RockBLOCK, Cloudloop retry for about 12 h), and each
 * delivery gets a new ingest id, so only the content identifies a retry.
 *
 * <p>The store is a window store whose timestamp is the report's own time: the key is the identity
 * (e.g. {@code imei/momsn}), so a lookup at exactly that time matches (imei, momsn, transmit time).
 * momsn wraps at 65535, so momsn alone would drop a genuine report; with the time it cannot. The
 * window store drops entries older than its retention behind the newest time it has seen, which is
 * the expiry; a retry arriving later than that passes as new.
 *
 * <p>Thread-safety: one instance per stream task, used by its thread only.
 *
 * @param <T> the parsed report type
 */
final class RetryFilter<T> implements FixedKeyProcessor<String, Parsed<T>, Parsed<T>> {

  private final String storeName;
  private final Function<T, String> identity;
  private final Function<T, Instant> time;
  private WindowStore<String, Long> seen;
  private FixedKeyProcessorContext<String, Parsed<T>> context;

  RetryFilter(String storeName, Function<T, String> identity, Function<T, Instant> time) {
    this.storeName = storeName;
    this.identity = identity;
    this.time = time;
  }

  /** The store: identity at report time → wall-clock time of the first delivery. */
  static StoreBuilder<WindowStore<String, Long>> store(String name, Duration retention) {
    return Stores.windowStoreBuilder(
        Stores.persistentWindowStore(name, retention, Duration.ofMillis(1), false),
        Serdes.String(),
        Serdes.Long());
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Parsed<T>> context) {
    this.context = context;
    this.seen = context.getStateStore(storeName);
  }

  @Override
  public void process(FixedKeyRecord<String, Parsed<T>> record) {
    T value = record.value().value();
    String id = identity.apply(value);
    long at = time.apply(value).toEpochMilli();
    if (seen.fetch(id, at) != null) {
      return;
    }
    seen.put(id, context.currentSystemTimeMs(), at);
    context.forward(record);
  }
}
