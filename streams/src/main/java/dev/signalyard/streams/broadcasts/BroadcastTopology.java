package dev.signalyard.streams.broadcasts;

import dev.signalyard.schemas.broadcasts.Broadcast;
import dev.signalyard.schemas.broadcasts.BroadcastCount;
import dev.signalyard.schemas.broadcasts.SessionState;
import dev.signalyard.schemas.common.DeadLetter;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Run-control broadcasts: duplicates removed, counted, folded into per-session state.
 *
 * <pre>
 * broadcasts (key session, Broadcast bytes)
 *   → decode → drop copies by id (upstream topic-partition-offset) within the dedupe window
 *       ─┬→ broadcast-feed (key session)
 *        ├→ count per session × severity × 1-minute window → broadcast-counts
 *        ├→ fold per session (last activity, FSM state, processes) → broadcast-sessions
 *        └→ dead-letters (unreadable records)
 * </pre>
 *
 * <p>Counts are windowed on message time; a broadcast later than the allowed lateness behind the
 * newest one seen is not counted (it still reaches the feed). Each count update replaces the
 * previous one of its window (same key).
 */
public final class BroadcastTopology {

  /** Name of the window store of broadcast ids already seen. */
  public static final String DEDUPE_STORE = "broadcast-ids";

  /** Name of the windowed count store. */
  public static final String COUNT_STORE = "broadcast-counts-store";

  /** Name of the session state store. */
  public static final String SESSION_STORE = "broadcast-sessions-store";

  /** Length of one count window. */
  public static final Duration COUNT_WINDOW = Duration.ofMinutes(1);

  private BroadcastTopology() {}

  /**
   * Adds the topology to {@code builder}.
   *
   * @param dedupeWindow how long an id is remembered to recognise a replayed copy, in message time
   * @param countLateness how late (in message time) a broadcast may arrive and still be counted
   */
  public static void build(
      StreamsBuilder builder, Clock clock, Duration dedupeWindow, Duration countLateness) {
    builder.addStateStore(BroadcastDedupeProcessor.store(DEDUPE_STORE, dedupeWindow));
    AvroSerde<Broadcast> broadcastSerde = AvroSerde.of(Broadcast.class);
    KStream<String, Ingested> ingested =
        builder.stream(
                TopicCatalog.BROADCASTS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
            .processValues(() -> new BroadcastDedupeProcessor(DEDUPE_STORE, clock), DEDUPE_STORE);
    ingested
        .filter((session, i) -> i.deadLetter() != null)
        .mapValues(Ingested::deadLetter)
        .to(
            TopicCatalog.DEAD_LETTERS.name(),
            Produced.with(Serdes.String(), AvroSerde.of(DeadLetter.class)));
    KStream<String, Broadcast> feed =
        ingested.filter((session, i) -> i.broadcast() != null).mapValues(Ingested::broadcast);
    feed.to(TopicCatalog.BROADCAST_FEED.name(), Produced.with(Serdes.String(), broadcastSerde));

    feed.groupBy(
            (session, b) -> session + "|" + b.getSeverity(),
            Grouped.with("broadcast-by-severity", Serdes.String(), broadcastSerde))
        .windowedBy(TimeWindows.ofSizeAndGrace(COUNT_WINDOW, countLateness))
        .count(
            Materialized.<String, Long, WindowStore<Bytes, byte[]>>as(COUNT_STORE)
                .withKeySerde(Serdes.String())
                .withValueSerde(Serdes.Long()))
        .toStream()
        .map(
            (window, count) -> {
              // The severity never holds '|', so the last one separates it from the session.
              int bar = window.key().lastIndexOf('|');
              return KeyValue.pair(
                  window.key() + "|" + window.window().start(),
                  BroadcastCount.newBuilder()
                      .setSession(window.key().substring(0, bar))
                      .setSeverity(window.key().substring(bar + 1))
                      .setWindowStart(window.window().startTime())
                      .setWindowEnd(window.window().endTime())
                      .setCount(count)
                      .build());
            })
        .to(
            TopicCatalog.BROADCAST_COUNTS.name(),
            Produced.with(Serdes.String(), AvroSerde.of(BroadcastCount.class)));

    feed.groupByKey(Grouped.with(Serdes.String(), broadcastSerde))
        .aggregate(
            SessionStates::initial,
            SessionStates::apply,
            Materialized.<String, SessionState, KeyValueStore<Bytes, byte[]>>as(SESSION_STORE)
                .withKeySerde(Serdes.String())
                .withValueSerde(AvroSerde.of(SessionState.class)))
        .toStream()
        .to(
            TopicCatalog.BROADCAST_SESSIONS.name(),
            Produced.with(Serdes.String(), AvroSerde.of(SessionState.class)));
  }
}
