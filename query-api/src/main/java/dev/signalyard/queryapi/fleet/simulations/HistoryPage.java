package dev.signalyard.queryapi.fleet.simulations;

import java.util.List;

/**
 * One page of finished runs, newest request first.
 *
 * <p>Thread-safety: immutable.
 *
 * @param items the runs of the page
 * @param page page number, from 0
 * @param size most runs per page
 * @param total finished runs of the kind
 * @param source where the history came from: {@code database} (PostgreSQL) or {@code topic}
 *     (simulation-results, when no database is configured)
 */
record HistoryPage(List<HistoryItem> items, int page, int size, long total, String source) {}
