package dev.signalyard.queryapi.fleet.simulations;

import reactor.core.publisher.Mono;

/**
 * The history of finished runs: PostgreSQL's simulation_history table when the fleet database is
 * configured ({@link DatabaseSimulationHistory}), else the simulation-results view ({@link
 * TopicSimulationHistory}).
 *
 * <p>Thread-safety: implementations are thread-safe.
 */
interface SimulationHistory {

  /** Page {@code page} (from 0) of {@code size} finished runs of {@code kind}, newest first. */
  Mono<HistoryPage> page(RunKind kind, int page, int size);
}
