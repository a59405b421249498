package dev.signalyard.streams.simulation;

import dev.signalyard.fleet.allocation.IntelligentAllocator;
import dev.signalyard.fleet.goalseek.GeneticParameters;
import dev.signalyard.fleet.goalseek.GoalSeek;
import dev.signalyard.fleet.simulation.FleetSimulation;
import dev.signalyard.fleet.simulation.GreedyAllocator;
import dev.signalyard.platform.kafka.SignalyardKafkaProperties;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring wiring of the simulation runs: the result publisher, the fleet data reader, the runners
 * (one per kind: {@link ManualSimulationRunner}, {@link GoalSeekRunner}) and the worker pool the
 * topology hands runs to. The topology itself is added in the streams configuration.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
    prefix = "signalyard.streams.simulation",
    name = "enabled",
    matchIfMissing = true)
class SimulationConfiguration {

  @Bean
  KafkaRunEvents simulationRunEvents(SignalyardKafkaProperties kafka) {
    return new KafkaRunEvents(kafka.clientConfig());
  }

  @Bean
  KafkaFleetData simulationFleetData(
      SignalyardKafkaProperties kafka, SimulationProperties simulation) {
    return new KafkaFleetData(kafka.clientConfig(), simulation.snapshotTimeout());
  }

  /** The intelligent allocator both kinds share; OR-Tools loads on the first run that asks. */
  @Bean
  LazyAllocator intelligentAllocator(SimulationProperties simulation) {
    return new LazyAllocator(() -> new IntelligentAllocator(simulation.intelligentTimeLimit(), 1));
  }

  @Bean
  ManualSimulationRunner manualSimulationRunner(
      FleetData simulationFleetData, LazyAllocator intelligentAllocator) {
    return new ManualSimulationRunner(
        simulationFleetData,
        new FleetSimulation(new GreedyAllocator(), intelligentAllocator),
        JsonMapper.builder().build());
  }

  @Bean
  GoalSeekRunner goalSeekRunner(FleetData simulationFleetData, LazyAllocator intelligentAllocator) {
    return new GoalSeekRunner(
        simulationFleetData,
        new GoalSeek(new GreedyAllocator(), intelligentAllocator, GeneticParameters.defaults()),
        JsonMapper.builder().build());
  }

  @Bean
  SimulationRunners simulationRunners(List<SimulationRunner> runners) {
    return new SimulationRunners(runners);
  }

  @Bean
  SimulationWorkers simulationWorkers(
      SimulationProperties simulation, SimulationRunners runners, RunEvents simulationRunEvents) {
    return new SimulationWorkers(
        simulation.workers(),
        simulation.progressInterval(),
        runners,
        simulationRunEvents,
        Clock.systemUTC());
  }
}
