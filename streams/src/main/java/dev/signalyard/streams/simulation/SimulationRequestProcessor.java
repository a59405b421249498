package dev.signalyard.streams.simulation;

import dev.signalyard.schemas.fleet.SimulationAction;
import dev.signalyard.schemas.fleet.SimulationCommand;
import dev.signalyard.schemas.fleet.SimulationResult;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the runs of one task's partition and hands them to the worker pool (see {@link
 * SimulationTopology}). It never computes: each record costs a store write and a queue insert.
 *
 * <p>Thread-safety: one instance per task, used by its stream thread only.
 */
final class SimulationRequestProcessor implements Processor<String, byte[], Void, Void> {

  private static final Logger log = LoggerFactory.getLogger(SimulationRequestProcessor.class);
  private static final AvroSerde<SimulationCommand> COMMANDS =
      AvroSerde.of(SimulationCommand.class);
  private static final AvroSerde<SimulationResult> RESULTS = AvroSerde.of(SimulationResult.class);

  private final SimulationWorkers workers;
  private final Set<String> submitted = new HashSet<>();
  private ProcessorContext<Void, Void> context;
  private KeyValueStore<String, byte[]> runs;
  private KeyValueStore<String, String> finished;

  SimulationRequestProcessor(SimulationWorkers workers) {
    this.workers = workers;
  }

  /**
   * Runs after the stores are restored: queues again every run of this partition that has no result
   * (the previous owner crashed, stopped or lost the partition mid-run).
   */
  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    this.runs = context.getStateStore(SimulationTopology.RUNS_STORE);
    this.finished = context.getStateStore(SimulationTopology.FINISHED_STORE);
    try (KeyValueIterator<String, byte[]> all = runs.all()) {
      while (all.hasNext()) {
        KeyValue<String, byte[]> entry = all.next();
        SimulationCommand command = decode(entry.value, COMMANDS);
        if (command != null && finished.get(entry.key) == null) {
          log.info("Resuming simulation run {} after a restart or rebalance", entry.key);
          submit(command);
        }
      }
    }
  }

  @Override
  public void process(Record<String, byte[]> record) {
    if (record.key() == null || record.value() == null) {
      return;
    }
    String topic = context.recordMetadata().map(m -> m.topic()).orElse("");
    if (topic.equals(TopicCatalog.SIMULATION_RESULTS.name())) {
      SimulationResult result = decode(record.value(), RESULTS);
      if (result != null) {
        finished(record.key(), result.getStatus());
      }
      return;
    }
    SimulationCommand command = decode(record.value(), COMMANDS);
    if (command == null || finished.get(record.key()) != null) {
      return;
    }
    if (command.getAction() == SimulationAction.RUN) {
      runs.put(record.key(), record.value());
      submit(command);
    } else {
      cancel(command);
    }
  }

  private void submit(SimulationCommand command) {
    submitted.add(command.getId());
    workers.submit(SimulationRun.of(command));
  }

  /**
   * Cancels the run in the pool; when no worker has it (it was lost with a crashed instance before
   * this task restarted it, or compaction kept only the CANCEL) the run is finished as CANCELLED
   * right here, so it does not stay open for ever.
   */
  private void cancel(SimulationCommand cancel) {
    if (workers.cancel(cancel.getId())) {
      return;
    }
    byte[] stored = runs.get(cancel.getId());
    SimulationCommand run = stored == null ? cancel : decode(stored, COMMANDS);
    workers.reportCancelled(SimulationRun.of(run == null ? cancel : run));
  }

  private void finished(String id, String status) {
    finished.put(id, status);
    runs.delete(id);
    if (submitted.remove(id)) {
      // Finished elsewhere (or this is our own result coming back): stop any duplicate here.
      workers.abandon(id);
    }
  }

  /** The task closes (shutdown or its partition moved away): stop its runs here silently. */
  @Override
  public void close() {
    submitted.forEach(workers::abandon);
    submitted.clear();
  }

  private static <T extends org.apache.avro.specific.SpecificRecord> T decode(
      byte[] bytes, AvroSerde<T> serde) {
    try {
      return serde.decode(bytes);
    } catch (RuntimeException e) {
      log.warn("Skipping an unreadable {} on the simulation topics: {}", serde, e.toString());
      return null;
    }
  }
}
