package dev.signalyard.streams.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.fleet.simulation.FleetSimulation;
import dev.signalyard.schemas.fleet.SimulationAction;
import dev.signalyard.schemas.fleet.SimulationResult;
import dev.signalyard.schemas.fleet.SimulationStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * Durability over the real broker: a run in flight when its streams instance stops is resumed by
 * the next instance and finishes with DONE. The first instance's worker holds the run at a gate (it
 * reports RUNNING and never finishes there); the second computes it with the real model over the
 * fleet data on the real topics.
 */
class SimulationRestartTest {

  @TempDir Path stateDirs;

  @BeforeAll
  static void topics() {
    FleetTopics.create();
    FleetTopics.publishFleet(SimulationFixtures.TRIPS);
  }

  @Test
  void aRunInFlightWhenTheInstanceStopsIsResumedByTheNextAndFinishes() throws Exception {
    String applicationId = "simulation-restart-" + UUID.randomUUID();
    String runId = UUID.randomUUID().toString();
    RecordedRunEvents firstEvents = new RecordedRunEvents();
    Instance first =
        new Instance(
            applicationId,
            stateDirs.resolve("first"),
            new GatedRunner(realRunner()),
            new TeeRunEvents(firstEvents));
    FleetTopics.publish(SimulationFixtures.command(runId, SimulationAction.RUN));
    firstEvents.awaitProgress(runId, SimulationStatus.RUNNING);

    first.close();
    assertThat(FleetTopics.result(runId)).isEmpty();

    // A fresh state directory: the new instance restores the run from the changelog, as on a
    // replacement machine.
    Instance second =
        new Instance(
            applicationId, stateDirs.resolve("second"), realRunner(), new TeeRunEvents(null));
    try {
      SimulationResult result = FleetTopics.awaitResult(runId);

      assertThat(result.getStatus()).isEqualTo("DONE");
      assertThat(
              JsonMapper.builder()
                  .build()
                  .readTree(result.getResultJson())
                  .get("numberOfTrips")
                  .asInt())
          .isEqualTo(SimulationFixtures.TRIPS);
    } finally {
      second.close();
    }
  }

  private static SimulationRunner realRunner() {
    return new ManualSimulationRunner(
        new KafkaFleetData(clientConfig(), Duration.ofSeconds(30)),
        new FleetSimulation(),
        JsonMapper.builder().build());
  }

  private static Map<String, Object> clientConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, FleetTopics.bootstrapServers());
    return config;
  }

  /** The real publisher, also recording what it publishes when given a recorder. */
  private record TeeRunEvents(RecordedRunEvents recorder) implements RunEvents {
    private static final KafkaRunEvents KAFKA = new KafkaRunEvents(clientConfig());

    @Override
    public void progress(dev.signalyard.schemas.fleet.SimulationProgress progress) {
      KAFKA.progress(progress);
      if (recorder != null) {
        recorder.progress(progress);
      }
    }

    @Override
    public void result(SimulationResult result) {
      KAFKA.result(result);
      if (recorder != null) {
        recorder.result(result);
      }
    }
  }

  /** One streams instance: the simulation topology with its own worker pool. */
  private static final class Instance implements AutoCloseable {
    private final SimulationWorkers workers;
    private final KafkaStreams streams;

    Instance(String applicationId, Path stateDir, SimulationRunner runner, RunEvents events)
        throws Exception {
      Files.createDirectories(stateDir);
      workers =
          new SimulationWorkers(
              1,
              Duration.ofMillis(200),
              new SimulationRunners(List.of(runner)),
              events,
              Clock.systemUTC());
      StreamsBuilder builder = new StreamsBuilder();
      SimulationTopology.build(builder, workers);
      Properties props = new Properties();
      props.putAll(clientConfig());
      props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
      props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
      props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
      props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
      props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
      props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
      streams = new KafkaStreams(builder.build(), props);
      streams.start();
    }

    @Override
    public void close() {
      streams.close(
          CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
              .withTimeout(Duration.ofSeconds(30)));
      workers.close();
    }
  }
}
