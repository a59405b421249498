package dev.signalyard.streams.fleet;

import dev.signalyard.schemas.common.DeadLetter;
import dev.signalyard.schemas.fleet.FleetDailyUsage;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Usage per vehicle and day, materialized from the roundtrips for dashboards.
 *
 * <pre>
 * fleet-roundtrips (key vehicle id, Roundtrip bytes)
 *   → decode → this roundtrip's part of each day its segments start on
 *       (store fleet-daily-usage-parts, keyed vehicle|day|roundtrip id; a re-emitted roundtrip
 *        replaces its parts, a retraction (deleted) removes them)
 *   → each touched day summed over its parts → fleet-daily-usage (key 'vehicle id|yyyy-MM-dd')
 *   → dead-letters (unreadable roundtrips)
 * </pre>
 *
 * <p>A day's figures are always re-summed from the parts that exist, never incremented, so a
 * roundtrip emitted twice (a re-aggregation, a replay after a crash) counts once and the sums carry
 * no rounding drift from subtracting. Days are UTC. Emissions use the vehicle's fuel and WLTP when
 * the roundtrip is processed and the settings' emission factors. Everything stays keyed by vehicle
 * id (the day keys start with it), so there is no repartitioning; a day whose last roundtrip was
 * retracted is published with zeros rather than deleted, so dashboards see it drop to nothing.
 */
public final class DailyUsageTopology {

  /**
   * Store of each roundtrip's part of a day, keyed '&lt;vehicle&gt;|&lt;day&gt;|&lt;roundtrip
   * id&gt;'.
   */
  public static final String PARTS_STORE = "fleet-daily-usage-parts";

  /** Store of the days each roundtrip has parts in, keyed by roundtrip id. */
  public static final String ROUNDTRIP_DAYS_STORE = "fleet-roundtrip-days";

  /** Stage named in this topology's dead letters. */
  public static final String STAGE = "fleet-daily-usage";

  /** One day, for utilisation: drivingSeconds divided by this. */
  public static final Duration DAY = Duration.ofDays(1);

  private DailyUsageTopology() {}

  /**
   * Adds the topology to {@code builder}; the fleet global stores must be there already (see {@link
   * FleetTopologies#build}).
   */
  static void build(StreamsBuilder builder, FleetStreamsProperties properties, Clock clock) {
    KStream<String, SpecificRecord> out =
        builder.stream(
                TopicCatalog.FLEET_ROUNDTRIPS.name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()))
            .process(new Supplier(properties, clock));
    out.filter((key, record) -> record instanceof FleetDailyUsage)
        .mapValues(record -> (FleetDailyUsage) record)
        .to(
            TopicCatalog.FLEET_DAILY_USAGE.name(),
            Produced.with(Serdes.String(), AvroSerde.of(FleetDailyUsage.class)));
    out.filter((key, record) -> record instanceof DeadLetter)
        .mapValues(record -> (DeadLetter) record)
        .to(
            TopicCatalog.DEAD_LETTERS.name(),
            Produced.with(Serdes.String(), AvroSerde.of(DeadLetter.class)));
  }

  /** Supplies the processor together with its two stores, so the DSL connects them. */
  private record Supplier(FleetStreamsProperties properties, Clock clock)
      implements ProcessorSupplier<String, byte[], String, SpecificRecord> {

    @Override
    public Processor<String, byte[], String, SpecificRecord> get() {
      return new DailyUsageProcessor(properties, clock);
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
      return Set.of(
          Stores.keyValueStoreBuilder(
                  Stores.persistentKeyValueStore(PARTS_STORE),
                  Serdes.String(),
                  AvroSerde.of(FleetDailyUsage.class))
              .withCachingEnabled(),
          Stores.keyValueStoreBuilder(
                  Stores.persistentKeyValueStore(ROUNDTRIP_DAYS_STORE),
                  Serdes.String(),
                  Serdes.String())
              .withCachingEnabled());
    }
  }
}
