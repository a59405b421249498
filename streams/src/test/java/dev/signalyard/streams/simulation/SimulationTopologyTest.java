package dev.signalyard.streams.simulation;

import static dev.signalyard.streams.simulation.SimulationFixtures.command;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.schemas.fleet.SimulationAction;
import dev.signalyard.schemas.fleet.SimulationCommand;
import dev.signalyard.schemas.fleet.SimulationKind;
import dev.signalyard.schemas.fleet.SimulationProgress;
import dev.signalyard.schemas.fleet.SimulationResult;
import dev.signalyard.schemas.fleet.SimulationStatus;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The request processor in a TopologyTestDriver with a real worker pool of one worker running the
 * real manual simulation (held at a gate where a test needs a busy worker): enqueueing, queue
 * positions, cancelling, and the bookkeeping of results.
 */
class SimulationTopologyTest {

  private final RecordedRunEvents events = new RecordedRunEvents();
  private final GatedRunner gated = new GatedRunner(SimulationFixtures.runner());
  private SimulationWorkers workers;
  private TopologyTestDriver driver;
  private TestInputTopic<String, SimulationCommand> requests;
  private TestInputTopic<String, SimulationResult> results;

  @BeforeEach
  void start() {
    workers =
        new SimulationWorkers(
            1,
            Duration.ofMillis(50),
            new SimulationRunners(List.of(gated)),
            events,
            Clock.systemUTC());
    StreamsBuilder builder = new StreamsBuilder();
    SimulationTopology.build(builder, workers);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "simulation");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    driver = new TopologyTestDriver(builder.build(), props);
    requests =
        driver.createInputTopic(
            TopicCatalog.SIMULATION_REQUESTS.name(),
            Serdes.String().serializer(),
            AvroSerde.of(SimulationCommand.class));
    results =
        driver.createInputTopic(
            TopicCatalog.SIMULATION_RESULTS.name(),
            Serdes.String().serializer(),
            AvroSerde.of(SimulationResult.class));
  }

  @AfterEach
  void stop() {
    gated.open();
    driver.close();
    workers.close();
  }

  @Test
  void runsTheSimulationOnAWorkerAndReportsProgressThenTheResult() {
    gated.open();
    requests.pipeInput("run-1", command("run-1", SimulationAction.RUN));

    SimulationResult result = events.awaitResult("run-1");

    assertThat(result.getStatus()).isEqualTo("DONE");
    assertThat(result.getKind()).isEqualTo("SIMULATION");
    assertThat(result.getRequestJson()).isEqualTo(SimulationFixtures.REQUEST);
    JsonNode outcome = JsonMapper.builder().build().readTree(result.getResultJson());
    assertThat(outcome.get("numberOfTrips").asInt()).isEqualTo(SimulationFixtures.TRIPS);
    assertThat(outcome.get("unallocated").asInt()).isZero();
    assertThat(outcome.get("drivingBook")).hasSize(SimulationFixtures.TRIPS);
    List<SimulationProgress> progress = events.progressOf("run-1");
    assertThat(progress.get(0).getStatus()).isEqualTo(SimulationStatus.RUNNING);
    assertThat(progress.get(progress.size() - 1).getStatus()).isEqualTo(SimulationStatus.DONE);
    assertThat(progress.get(progress.size() - 1).getFraction()).isEqualTo(1.0);
    assertThat(runsStore().get("run-1")).isNotNull();

    results.pipeInput("run-1", result);

    assertThat(runsStore().get("run-1")).isNull();
    assertThat(finishedStore().get("run-1")).isEqualTo("DONE");
  }

  @Test
  void queuedRunsReportHowManyRunsAreAheadAndMoveUp() {
    requests.pipeInput("a", command("a", SimulationAction.RUN));
    events.awaitProgress("a", SimulationStatus.RUNNING);
    requests.pipeInput("b", command("b", SimulationAction.RUN));
    requests.pipeInput("c", command("c", SimulationAction.RUN));

    assertThat(events.awaitQueued("b", 0).getMessage()).isEqualTo("next to start");
    assertThat(events.awaitQueued("c", 1).getMessage()).isEqualTo("1 runs ahead");

    gated.open();

    events.awaitQueued("c", 0);
    assertThat(events.awaitResult("a").getStatus()).isEqualTo("DONE");
    assertThat(events.awaitResult("b").getStatus()).isEqualTo("DONE");
    assertThat(events.awaitResult("c").getStatus()).isEqualTo("DONE");
  }

  @Test
  void cancelsAQueuedRunAtOnceAndARunningOneAtItsNextCheck() {
    requests.pipeInput("a", command("a", SimulationAction.RUN));
    events.awaitProgress("a", SimulationStatus.RUNNING);
    requests.pipeInput("b", command("b", SimulationAction.RUN));
    events.awaitQueued("b", 0);

    requests.pipeInput("b", command("b", SimulationAction.CANCEL));
    SimulationResult queued = events.awaitResult("b");
    requests.pipeInput("a", command("a", SimulationAction.CANCEL));
    SimulationResult running = events.awaitResult("a");

    assertThat(queued.getStatus()).isEqualTo("CANCELLED");
    assertThat(queued.getResultJson()).isNull();
    assertThat(running.getStatus()).isEqualTo("CANCELLED");
    assertThat(events.awaitProgress("a", SimulationStatus.CANCELLED).getFraction()).isEqualTo(0.5);
    assertThat(workers.activeRuns()).isEmpty();
  }

  @Test
  void aRunningRunKeepsReportingItsProgressWhileTheModelIsQuiet() {
    requests.pipeInput("long", command("long", SimulationAction.RUN));

    List<SimulationProgress> running = events.awaitRepeated("long", SimulationStatus.RUNNING, 5);

    // The first reports may precede the runner's own report; the later ones repeat it.
    assertThat(running.subList(3, 5))
        .allSatisfy(
            p -> {
              assertThat(p.getFraction()).isEqualTo(0.5);
              assertThat(p.getMessage()).isEqualTo("held at the gate");
            });
    assertThat(running.get(4).getTime()).isAfter(running.get(2).getTime());
  }

  @Test
  void cancelOfARunNoWorkerHoldsFinishesItAsCancelled() {
    requests.pipeInput("lost", command("lost", SimulationAction.CANCEL));

    assertThat(events.awaitResult("lost").getStatus()).isEqualTo("CANCELLED");
  }

  @Test
  void aRunWithAResultAlreadyIsNotRunAgain() {
    SimulationResult earlier =
        SimulationResult.newBuilder()
            .setId("old")
            .setKind("SIMULATION")
            .setStatus("DONE")
            .setRequestJson(SimulationFixtures.REQUEST)
            .setResultJson("{}")
            .setRequestedAt(SimulationFixtures.REQUESTED)
            .setFinishedAt(SimulationFixtures.REQUESTED)
            .build();
    results.pipeInput("old", earlier);

    requests.pipeInput("old", command("old", SimulationAction.RUN));

    assertThat(workers.isActive("old")).isFalse();
    assertThat(runsStore().get("old")).isNull();
    assertThat(events.progressOf("old")).isEmpty();
  }

  @Test
  void aResultFromElsewhereStopsTheRunHereWithoutReportingIt() {
    requests.pipeInput("twice", command("twice", SimulationAction.RUN));
    events.awaitProgress("twice", SimulationStatus.RUNNING);

    results.pipeInput(
        "twice",
        SimulationResult.newBuilder()
            .setId("twice")
            .setKind("SIMULATION")
            .setStatus("DONE")
            .setRequestJson(SimulationFixtures.REQUEST)
            .setResultJson("{}")
            .setRequestedAt(SimulationFixtures.REQUESTED)
            .setFinishedAt(SimulationFixtures.REQUESTED)
            .build());
    workers.submit(
        new SimulationRun(
            "marker",
            dev.signalyard.schemas.fleet.SimulationKind.SIMULATION,
            SimulationFixtures.REQUEST,
            null,
            SimulationFixtures.REQUESTED));
    gated.open();

    // The worker is free again only once the abandoned run stopped; then the next run completes.
    assertThat(events.awaitResult("marker").getStatus()).isEqualTo("DONE");
    assertThat(events.results()).extracting(SimulationResult::getId).doesNotContain("twice");
  }

  private KeyValueStore<String, byte[]> runsStore() {
    return driver.getKeyValueStore(SimulationTopology.RUNS_STORE);
  }

  private KeyValueStore<String, String> finishedStore() {
    return driver.getKeyValueStore(SimulationTopology.FINISHED_STORE);
  }

  @Test
  void aKindWithoutARunnerFailsClearlyInsteadOfWaiting() {
    gated.open();
    requests.pipeInput(
        "goal-1",
        SimulationCommand.newBuilder(command("goal-1", SimulationAction.RUN))
            .setKind(SimulationKind.GOAL_SEEK)
            .build());

    SimulationResult result = events.awaitResult("goal-1");

    assertThat(result.getStatus()).isEqualTo("FAILED");
    assertThat(result.getError()).isEqualTo("no runner for GOAL_SEEK runs");
  }
}
