package dev.signalyard.streams.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.schemas.fleet.SimulationAction;
import dev.signalyard.schemas.fleet.SimulationCommand;
import dev.signalyard.schemas.fleet.SimulationKind;
import dev.signalyard.schemas.fleet.SimulationResult;
import dev.signalyard.streams.StreamsApplication;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The streams service as deployed (all topologies, Spring wiring, topic provisioning) on the real
 * broker: a RUN command on simulation-requests, manual or goal seek, becomes a DONE result computed
 * from the fleet topics, and a run naming an unknown vehicle fails naming the field.
 */
class SimulationServiceTest {

  @TempDir static Path stateDir;
  private static ConfigurableApplicationContext service;

  @BeforeAll
  static void start() {
    FleetTopics.create();
    FleetTopics.publishFleet(SimulationFixtures.TRIPS);
    service =
        StreamsApplication.application()
            .run(
                "--server.port=0",
                "--signalyard.kafka.bootstrap-servers=" + FleetTopics.bootstrapServers(),
                "--signalyard.streams.application-id=simulation-service-" + UUID.randomUUID(),
                "--signalyard.streams.state-dir=" + stateDir,
                "--signalyard.streams.close-timeout=10s");
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void computesARequestedSimulationFromTheFleetTopics() throws Exception {
    String id = UUID.randomUUID().toString();
    FleetTopics.publish(SimulationFixtures.command(id, SimulationAction.RUN));

    SimulationResult result = FleetTopics.awaitResult(id);

    assertThat(result.getStatus()).isEqualTo("DONE");
    JsonNode outcome = JsonMapper.builder().build().readTree(result.getResultJson());
    assertThat(outcome.get("numberOfTrips").asInt()).isEqualTo(SimulationFixtures.TRIPS);
    assertThat(outcome.get("drivingBook").get(0).get("simulationVehicleName").asString())
        .isEqualTo("Renault Zoe (AB12342)");
    assertThat(outcome.get("current").get("allocatedKm").asDouble())
        .isEqualTo(40.0 * SimulationFixtures.TRIPS);
  }

  @Test
  void failsARunWhoseVehicleIsUnknownNamingTheField() throws Exception {
    String id = UUID.randomUUID().toString();
    FleetTopics.publish(
        SimulationCommand.newBuilder(SimulationFixtures.command(id, SimulationAction.RUN))
            .setRequestJson(
                """
                {"from": "2026-01-01", "to": "2026-01-31", "locationIds": [1],
                 "simulatedFleet": [{"vehicleId": 404, "count": 1}]}
                """)
            .build());

    SimulationResult result = FleetTopics.awaitResult(id);

    assertThat(result.getStatus()).isEqualTo("FAILED");
    assertThat(result.getError()).contains("simulatedFleet[0].vehicleId").contains("404");
  }

  @Test
  void computesARequestedGoalSeekFromTheFleetTopics() throws Exception {
    String id = UUID.randomUUID().toString();
    FleetTopics.publish(
        SimulationCommand.newBuilder(SimulationFixtures.command(id, SimulationAction.RUN))
            .setKind(SimulationKind.GOAL_SEEK)
            .setRequestJson(GoalSeekRunnerTest.REQUEST)
            .build());

    SimulationResult result = FleetTopics.awaitResult(id);

    assertThat(result.getStatus()).isEqualTo("DONE");
    JsonNode outcome = JsonMapper.builder().build().readTree(result.getResultJson());
    assertThat(outcome.get("numberOfTrips").asInt()).isEqualTo(SimulationFixtures.TRIPS);
    JsonNode best = outcome.get("solutions").get(0);
    assertThat(best.get("simulatedCo2eTonnes").asDouble())
        .isLessThan(best.get("currentCo2eTonnes").asDouble());
  }
}
