package dev.signalyard.streams.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalyard.fleet.goalseek.GeneticParameters;
import dev.signalyard.fleet.goalseek.GoalSeek;
import dev.signalyard.fleet.simulation.GreedyAllocator;
import dev.signalyard.fleet.simulation.SimulationCancelledException;
import dev.signalyard.schemas.fleet.SimulationAction;
import dev.signalyard.schemas.fleet.SimulationCommand;
import dev.signalyard.schemas.fleet.SimulationKind;
import dev.signalyard.schemas.fleet.SimulationResult;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The goal-seek runner over the simulation fixtures (petrol car 1 drove five 40 km roundtrips; EV 2
 * is a test vehicle): it reads today's fleet, the test vehicles and the trips, and proposes fleets
 * priced against today's, the same for the same request; through the request processor and the
 * worker pool the run ends DONE with that document.
 */
class GoalSeekRunnerTest {

  /** CO2e only, the EV may join: the best fleet swaps the petrol car for the EV. */
  static final String REQUEST =
      """
      {"from": "2026-01-01", "to": "2026-01-31", "locationIds": [1],
       "testVehicleIds": [2], "prioritisation": 10,
       "limitKm": false, "intelligentAllocation": false,
       "settings": {"time_zone": "UTC"}}
      """;

  private static final GeneticParameters SMALL = new GeneticParameters(40, 20, 5, 5, 5, 42);
  private final JsonMapper json = JsonMapper.builder().build();

  static GoalSeekRunner runner() {
    return new GoalSeekRunner(
        new SimulationFixtures.InMemoryFleetData(),
        new GoalSeek(new GreedyAllocator(), null, SMALL),
        JsonMapper.builder().build());
  }

  private static SimulationRun run(String requestJson) {
    return new SimulationRun(
        "goal-1", SimulationKind.GOAL_SEEK, requestJson, "planner", SimulationFixtures.REQUESTED);
  }

  @Test
  void proposesFleetsPricedAgainstTodaysFleet() {
    List<Double> fractions = new CopyOnWriteArrayList<>();
    List<String> messages = new CopyOnWriteArrayList<>();

    String result =
        runner()
            .run(
                run(REQUEST),
                (fraction, message) -> {
                  fractions.add(fraction);
                  messages.add(message);
                },
                () -> false);

    JsonNode outcome = json.readTree(result);
    assertThat(outcome.get("numberOfTrips").asInt()).isEqualTo(SimulationFixtures.TRIPS);
    assertThat(outcome.get("peakDay").asString()).isEqualTo("2026-01-05");
    JsonNode solutions = outcome.get("solutions");
    assertThat(solutions.size()).isBetween(1, GoalSeek.SOLUTIONS);
    JsonNode best = solutions.get(0);
    assertThat(best.get("unallocated").asInt()).isZero();
    assertThat(best.get("currentCo2eTonnes").asDouble()).isPositive();
    assertThat(best.get("simulatedCo2eTonnes").asDouble())
        .isLessThan(best.get("currentCo2eTonnes").asDouble());
    assertThat(best.get("currentExpense").asLong()).isPositive();
    assertThat(best.get("simulatedExpense").asLong()).isPositive();
    assertThat(best.get("vehicles").valueStream().map(v -> v.get("id").asLong())).contains(2L);
    assertThat(fractions).isSorted().allMatch(f -> f >= 0 && f <= 1);
    assertThat(fractions.get(fractions.size() - 1)).isEqualTo(1.0);
    assertThat(messages).anyMatch(m -> m.contains("generation"));
  }

  @Test
  void theSameRequestGivesTheSameDocument() {
    String first = runner().run(run(REQUEST), (fraction, message) -> {}, () -> false);
    String second = runner().run(run(REQUEST), (fraction, message) -> {}, () -> false);

    assertThat(second).isEqualTo(first);
  }

  @Test
  void stopsWhenCancelled() {
    assertThatThrownBy(() -> runner().run(run(REQUEST), (fraction, message) -> {}, () -> true))
        .isInstanceOf(SimulationCancelledException.class);
  }

  @Test
  void anUnknownTestVehicleFailsTheRunNamingTheField() {
    String request = REQUEST.replace("\"testVehicleIds\": [2]", "\"testVehicleIds\": [2, 404]");

    assertThatThrownBy(() -> runner().run(run(request), (fraction, message) -> {}, () -> false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("testVehicleIds[1]")
        .hasMessageContaining("404");
  }

  @Test
  void anUnreadableRequestFailsTheRun() {
    assertThatThrownBy(
            () ->
                runner()
                    .run(
                        run("{\"from\": \"2026-01-01\", \"to\": \"2026-01-31\"}"),
                        (fraction, message) -> {},
                        () -> false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("prioritisation");
  }

  @Test
  void aGoalSeekCommandEndsDoneWithTheOutcome() {
    RecordedRunEvents events = new RecordedRunEvents();
    try (SimulationWorkers workers =
        new SimulationWorkers(
            1,
            Duration.ofMillis(50),
            new SimulationRunners(List.of(SimulationFixtures.runner(), runner())),
            events,
            Clock.systemUTC())) {
      StreamsBuilder builder = new StreamsBuilder();
      SimulationTopology.build(builder, workers);
      Properties props = new Properties();
      props.put(StreamsConfig.APPLICATION_ID_CONFIG, "goal-seek");
      props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
      try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
        driver
            .createInputTopic(
                TopicCatalog.SIMULATION_REQUESTS.name(),
                Serdes.String().serializer(),
                AvroSerde.of(SimulationCommand.class))
            .pipeInput(
                "goal-1",
                SimulationCommand.newBuilder()
                    .setId("goal-1")
                    .setKind(SimulationKind.GOAL_SEEK)
                    .setAction(SimulationAction.RUN)
                    .setRequestJson(REQUEST)
                    .setRequestedBy("planner")
                    .setRequestedAt(SimulationFixtures.REQUESTED)
                    .build());

        SimulationResult result = events.awaitResult("goal-1");

        assertThat(result.getStatus()).isEqualTo("DONE");
        assertThat(result.getKind()).isEqualTo("GOAL_SEEK");
        assertThat(result.getResultJson())
            .isEqualTo(runner().run(run(REQUEST), (fraction, message) -> {}, () -> false));
      }
    }
  }
}
