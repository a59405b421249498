package dev.signalyard.queryapi.fleet.simulations;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A finished run in the history list; the result document itself is at {@code GET .../{id}}.
 *
 * <p>Thread-safety: immutable.
 *
 * @param id run id
 * @param kind SIMULATION or GOAL_SEEK
 * @param status DONE, FAILED or CANCELLED
 * @param requestedAt when it was asked
 * @param finishedAt when it finished
 * @param error why it failed, for FAILED
 * @param request the request as run
 */
record HistoryItem(
    String id,
    String kind,
    String status,
    Instant requestedAt,
    Instant finishedAt,
    String error,
    JsonNode request) {}
