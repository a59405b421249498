package dev.signalyard.streams.fleet;

import dev.signalyard.schemas.common.DeadLetter;
import dev.signalyard.schemas.fleet.Roundtrip;
import dev.signalyard.schemas.fleet.Trip;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.time.Clock;
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
 * Roundtrip aggregation, per vehicle and incremental.
 *
 * <pre>
 * fleet-trips (key vehicle id, Trip bytes)
 *   → decode, check → pending trips of the vehicle (store fleet-pending-trips, deduplicated by trip id)
 *   → RoundtripAggregator over the pending trips, starts from the global fleet-locations store
 *       ├→ roundtrips ending more than the lateness bound before the vehicle's newest trip
 *       │    start are final → fleet-roundtrips (key vehicle id), their trips leave the pending store
 *       └→ dead-letters (unreadable trips, trips older than the last final roundtrip or keep_data)
 * </pre>
 *
 * <p>This is the reference's incremental load in streaming form: the reference aggregates the trips
 * after a vehicle's newest stored roundtrip end and drops the last roundtrip unless it is complete;
 * here the pending store is exactly that set of trips, and a roundtrip is stored once no trip
 * within the lateness bound can still change it. Input is keyed by vehicle id and so is all state
 * and output, so nothing is repartitioned and adding partitions scales the topology.
 */
public final class RoundtripTopology {

  /**
   * Store of the trips not yet in a final roundtrip, keyed '&lt;vehicle id&gt;|&lt;trip id&gt;'.
   */
  public static final String PENDING_STORE = "fleet-pending-trips";

  /** Store of each vehicle's progress (last final roundtrip end, newest trip start). */
  public static final String PROGRESS_STORE = "fleet-roundtrip-progress";

  /** Stage named in this topology's dead letters. */
  public static final String STAGE = "fleet-roundtrips";

  private RoundtripTopology() {}

  /**
   * Adds the topology to {@code builder}; the fleet global stores must be there already (see {@link
   * FleetTopologies#build}).
   */
  static void build(StreamsBuilder builder, FleetStreamsProperties properties, Clock clock) {
    KStream<String, SpecificRecord> out =
        builder.stream(
                TopicCatalog.FLEET_TRIPS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
            .process(new Supplier(properties, clock));
    out.filter((vehicle, record) -> record instanceof Roundtrip)
        .mapValues(record -> (Roundtrip) record)
        .to(
            TopicCatalog.FLEET_ROUNDTRIPS.name(),
            Produced.with(Serdes.String(), AvroSerde.of(Roundtrip.class)));
    out.filter((vehicle, record) -> record instanceof DeadLetter)
        .mapValues(record -> (DeadLetter) record)
        .to(
            TopicCatalog.DEAD_LETTERS.name(),
            Produced.with(Serdes.String(), AvroSerde.of(DeadLetter.class)));
  }

  /**
   * Supplies the processor together with its two stores, so the DSL connects them. The stores are
   * cached: a vehicle's progress changes on every trip and most pending trips leave again within a
   * commit interval, so the cache folds those writes before they reach RocksDB and the changelog.
   */
  private record Supplier(FleetStreamsProperties properties, Clock clock)
      implements ProcessorSupplier<String, byte[], String, SpecificRecord> {

    @Override
    public Processor<String, byte[], String, SpecificRecord> get() {
      return new RoundtripProcessor(properties, clock);
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
      return Set.of(
          Stores.keyValueStoreBuilder(
                  Stores.persistentKeyValueStore(PENDING_STORE),
                  Serdes.String(),
                  AvroSerde.of(Trip.class))
              .withCachingEnabled(),
          Stores.keyValueStoreBuilder(
                  Stores.persistentKeyValueStore(PROGRESS_STORE),
                  Serdes.String(),
                  VehicleProgress.serde())
              .withCachingEnabled());
    }
  }
}
