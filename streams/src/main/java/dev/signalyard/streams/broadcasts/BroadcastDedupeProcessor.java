package dev.signalyard.streams.broadcasts;

import dev.signalyard.schemas.broadcasts.Broadcast;
import dev.signalyard.schemas.common.DeadLetter;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.serde.UndecodableRecordException;
import dev.signalyard.streams.deadletters.DeadLetters;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Decodes {@code broadcasts} records and drops copies already seen. The bridge copies a record
 * again after a failed produce or a restart before its commit; both copies carry the same id
 * (upstream topic-partition-offset), and the bridge keys both by the same session, so they reach
 * the same task and store.
 *
 * <p>The store is a window store at the broadcast's time, keyed by id: a copy has the same id and
 * time, so a lookup at exactly that time finds it. Entries expire with the store's retention (the
 * dedupe window) behind the newest time seen.
 *
 * <p>Thread-safety: one instance per stream task, used by its thread only.
 */
final class BroadcastDedupeProcessor implements FixedKeyProcessor<String, byte[], Ingested> {

  static final String STAGE = "broadcast-decode";

  private final String storeName;
  private final Clock clock;
  private final AvroSerde<Broadcast> serde = AvroSerde.of(Broadcast.class);
  private FixedKeyProcessorContext<String, Ingested> context;
  private WindowStore<String, Long> seen;

  BroadcastDedupeProcessor(String storeName, Clock clock) {
    this.storeName = storeName;
    this.clock = clock;
  }

  /** The store: broadcast id at broadcast time → wall-clock time of the first copy. */
  static StoreBuilder<WindowStore<String, Long>> store(String name, Duration retention) {
    return Stores.windowStoreBuilder(
        Stores.persistentWindowStore(name, retention, Duration.ofMillis(1), false),
        Serdes.String(),
        Serdes.Long());
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Ingested> context) {
    this.context = context;
    this.seen = context.getStateStore(storeName);
  }

  @Override
  public void process(FixedKeyRecord<String, byte[]> record) {
    Broadcast broadcast;
    try {
      broadcast = serde.decode(record.value());
    } catch (UndecodableRecordException e) {
      context.forward(record.withValue(new Ingested(null, deadLetter(record, e.getMessage()))));
      return;
    }
    if (broadcast == null) {
      return;
    }
    long at = broadcast.getTime().toEpochMilli();
    if (seen.fetch(broadcast.getId(), at) != null) {
      return;
    }
    seen.put(broadcast.getId(), clock.millis(), at);
    context.forward(record.withValue(new Ingested(broadcast, null)).withTimestamp(at));
  }

  private DeadLetter deadLetter(FixedKeyRecord<String, byte[]> record, String reason) {
    return DeadLetters.of(
        context.recordMetadata(), STAGE, reason, record.key(), record.value(), clock.instant());
  }
}
