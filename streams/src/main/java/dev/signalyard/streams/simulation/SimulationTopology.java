package dev.signalyard.streams.simulation;

import dev.signalyard.schemas.topics.TopicCatalog;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Simulation runs as durable streaming jobs.
 *
 * <pre>
 * simulation-requests (key run id, SimulationCommand RUN | CANCEL)  ┐
 * simulation-results  (key run id, SimulationResult)                ┴→ SimulationRequestProcessor
 *   RUN    → store simulation-runs (run id → command); queued on the SimulationWorkers pool
 *   CANCEL → the pool cancels the run (or, when no instance runs it, it is reported CANCELLED)
 *   result → store simulation-finished (run id → final status); the run leaves simulation-runs
 * SimulationWorkers (worker threads, not stream threads)
 *   → simulation-progress (QUEUED with queue position, RUNNING with fraction, final status)
 *   → simulation-results  (DONE with the result document, FAILED, CANCELLED)
 * </pre>
 *
 * <p>Both input topics are keyed by run id with the same partition count, so one task owns a run's
 * request and its result. When a task starts (at start-up or after a rebalance moved its
 * partition), every run in its store without a result is queued again: a run survives a crash or
 * restart of the instance and finishes, restarted from scratch. The stream thread only stores and
 * enqueues; computing happens on the pool.
 */
public final class SimulationTopology {

  /** Store of the runs without a result: run id to SimulationCommand bytes. */
  public static final String RUNS_STORE = "simulation-runs";

  /** Store of the runs with a result: run id to its final status. */
  public static final String FINISHED_STORE = "simulation-finished";

  private SimulationTopology() {}

  /** Adds the request processor to {@code builder}; runs go to {@code workers}. */
  public static void build(StreamsBuilder builder, SimulationWorkers workers) {
    builder.stream(
            List.of(
                TopicCatalog.SIMULATION_REQUESTS.name(), TopicCatalog.SIMULATION_RESULTS.name()),
            Consumed.with(Serdes.String(), Serdes.ByteArray()))
        .process(new Supplier(workers));
  }

  /** Supplies the processor with its two stores, so the DSL connects them. */
  private record Supplier(SimulationWorkers workers)
      implements ProcessorSupplier<String, byte[], Void, Void> {

    @Override
    public Processor<String, byte[], Void, Void> get() {
      return new SimulationRequestProcessor(workers);
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
      return Set.of(
          Stores.keyValueStoreBuilder(
              Stores.persistentKeyValueStore(RUNS_STORE), Serdes.String(), Serdes.ByteArray()),
          Stores.keyValueStoreBuilder(
              Stores.persistentKeyValueStore(FINISHED_STORE), Serdes.String(), Serdes.String()));
    }
  }
}
