package dev.signalyard.queryapi.fleet.simulations;

import dev.signalyard.queryapi.live.TopicView;
import dev.signalyard.queryapi.live.TopicView.Entry;
import dev.signalyard.schemas.fleet.SimulationResult;
import java.util.Comparator;
import java.util.List;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The history straight from the simulation-results view, for a node without the fleet database:
 * complete (the topic is compacted and never expires) but sorted in memory on every call.
 *
 * <p>Thread-safety: thread-safe.
 */
final class TopicSimulationHistory implements SimulationHistory {

  private static final Comparator<SimulationResult> NEWEST_FIRST =
      Comparator.comparing(SimulationResult::getRequestedAt)
          .reversed()
          .thenComparing(SimulationResult::getId);

  private final TopicView<SimulationResult> results;
  private final JsonMapper json;

  TopicSimulationHistory(TopicView<SimulationResult> results, JsonMapper json) {
    this.results = results;
    this.json = json;
  }

  @Override
  public Mono<HistoryPage> page(RunKind kind, int page, int size) {
    return Mono.fromSupplier(
        () -> {
          List<SimulationResult> all =
              results.snapshot().stream()
                  .map(Entry::value)
                  .filter(r -> r != null && kind.matches(r.getKind()))
                  .sorted(NEWEST_FIRST)
                  .toList();
          List<HistoryItem> items =
              all.stream()
                  .skip((long) page * size)
                  .limit(size)
                  .map(
                      r ->
                          new HistoryItem(
                              r.getId(),
                              r.getKind(),
                              r.getStatus(),
                              r.getRequestedAt(),
                              r.getFinishedAt(),
                              r.getError(),
                              json.readTree(r.getRequestJson())))
                  .toList();
          return new HistoryPage(items, page, size, all.size(), "topic");
        });
  }
}
