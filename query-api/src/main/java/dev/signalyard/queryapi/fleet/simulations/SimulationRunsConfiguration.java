package dev.signalyard.queryapi.fleet.simulations;

import dev.signalyard.platform.kafka.SignalyardKafkaProperties;
import dev.signalyard.queryapi.kafka.AckedProducer;
import dev.signalyard.queryapi.live.TopicView;
import dev.signalyard.schemas.fleet.SimulationCommand;
import dev.signalyard.schemas.fleet.SimulationProgress;
import dev.signalyard.schemas.fleet.SimulationResult;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wiring of the run endpoints: the views of the three simulation topics (read from their start:
 * requests and results are compacted, progress keeps 7 days), the command producer, the request
 * rules, and the history (PostgreSQL when the fleet database is configured, else the results view).
 */
@Configuration(proxyBeanMethods = false)
class SimulationRunsConfiguration {

  @Bean
  TopicView<SimulationCommand> simulationRequestsView(SignalyardKafkaProperties kafka) {
    AvroSerde<SimulationCommand> serde = AvroSerde.of(SimulationCommand.class);
    return new TopicView<>(TopicCatalog.SIMULATION_REQUESTS.name(), kafka, serde::decode);
  }

  @Bean
  TopicView<SimulationProgress> simulationProgressView(SignalyardKafkaProperties kafka) {
    AvroSerde<SimulationProgress> serde = AvroSerde.of(SimulationProgress.class);
    return new TopicView<>(TopicCatalog.SIMULATION_PROGRESS.name(), kafka, serde::decode);
  }

  @Bean
  TopicView<SimulationResult> simulationResultsView(SignalyardKafkaProperties kafka) {
    AvroSerde<SimulationResult> serde = AvroSerde.of(SimulationResult.class);
    return new TopicView<>(TopicCatalog.SIMULATION_RESULTS.name(), kafka, serde::decode);
  }

  @Bean
  RunViews runViews(
      TopicView<SimulationCommand> simulationRequestsView,
      TopicView<SimulationProgress> simulationProgressView,
      TopicView<SimulationResult> simulationResultsView) {
    return new RunViews(simulationRequestsView, simulationProgressView, simulationResultsView);
  }

  @Bean(destroyMethod = "close")
  RunCommandProducer runCommandProducer(
      SignalyardKafkaProperties kafka, SimulationRunsProperties properties) {
    return new RunCommandProducer(
        new AckedProducer(kafka, properties.ackTimeout(), "signalyard-query-simulations"));
  }

  @Bean
  ManualSimulationRules manualSimulationRules() {
    return new ManualSimulationRules();
  }

  @Bean
  GoalSeekRules goalSeekRules() {
    return new GoalSeekRules();
  }

  @Bean
  RunRequests runRequests(List<RunRequestRules> rules, JsonMapper json) {
    return new RunRequests(rules, json);
  }

  @Bean(destroyMethod = "close")
  @Conditional(FleetDatabaseUrlSet.class)
  DatabaseSimulationHistory databaseSimulationHistory(
      DatabaseClient fleetDatabaseClient,
      TopicView<SimulationResult> simulationResultsView,
      JsonMapper json) {
    return new DatabaseSimulationHistory(fleetDatabaseClient, simulationResultsView, json);
  }

  @Bean
  @Conditional(FleetDatabaseUrlSet.Not.class)
  TopicSimulationHistory topicSimulationHistory(
      TopicView<SimulationResult> simulationResultsView, JsonMapper json) {
    return new TopicSimulationHistory(simulationResultsView, json);
  }
}
