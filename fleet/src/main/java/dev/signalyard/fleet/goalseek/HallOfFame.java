package dev.signalyard.fleet.goalseek;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The best distinct fleets a genetic run has seen, by fitness (lower is better), ties broken by the
 * counts so that the order never depends on arrival. Not thread-safe: one per run.
 */
final class HallOfFame {
  /** A fleet as type counts, with its fitness. */
  record Entry(int[] counts, double fitness) {}

  private static final Comparator<Entry> ORDER =
      Comparator.comparingDouble(Entry::fitness).thenComparing(Entry::counts, Arrays::compare);

  private final int size;
  private final TreeSet<Entry> best = new TreeSet<>(ORDER);

  HallOfFame(int size) {
    this.size = size;
  }

  /** Offers a fleet; kept when it is among the best {@code size} distinct fleets seen. */
  void offer(int[] counts, double fitness) {
    Entry entry = new Entry(counts, fitness);
    if (best.size() == size && ORDER.compare(entry, best.last()) >= 0) {
      return;
    }
    if (best.stream().anyMatch(e -> Arrays.equals(e.counts(), counts))) {
      return;
    }
    best.add(entry);
    if (best.size() > size) {
      best.pollLast();
    }
  }

  /** The fleets, best first. */
  List<Entry> entries() {
    return List.copyOf(best);
  }
}
