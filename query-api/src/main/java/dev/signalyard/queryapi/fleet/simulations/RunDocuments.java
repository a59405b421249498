package dev.signalyard.queryapi.fleet.simulations;

import dev.signalyard.schemas.fleet.SimulationProgress;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON documents of the run endpoints: a run (GET {id}, the SSE {@code result} event) and a
 * progress report (the SSE {@code progress} event). See docs/simulation.md ("Runs as streaming
 * jobs").
 *
 * <p>Thread-safety: thread-safe (the mapper is).
 */
final class RunDocuments {

  private final JsonMapper json;

  RunDocuments(JsonMapper json) {
    this.json = json;
  }

  /** The whole run: status, progress, request and (once DONE) the result document. */
  Map<String, Object> run(RunState run) {
    Map<String, Object> document = new LinkedHashMap<>();
    SimulationProgress progress = run.progress();
    document.put("id", run.id());
    document.put("kind", run.kind());
    document.put("status", run.status());
    document.put("cancelRequested", run.cancelRequested());
    document.put("fraction", run.finished() && "DONE".equals(run.status()) ? 1.0 : fraction(run));
    document.put(
        "queuePosition",
        progress != null && progress.getQueuePosition() > 0 && !run.finished()
            ? progress.getQueuePosition()
            : 0);
    document.put("message", progress == null ? null : progress.getMessage());
    document.put("requestedAt", run.requestedAt());
    document.put("updatedAt", progress == null ? null : progress.getTime());
    document.put("finishedAt", run.finished() ? run.result().getFinishedAt() : null);
    document.put("error", run.finished() ? run.result().getError() : null);
    String request = run.requestJson();
    document.put("request", request == null || request.isBlank() ? null : json.readTree(request));
    String result = run.finished() ? run.result().getResultJson() : null;
    document.put("result", result == null ? null : json.readTree(result));
    return document;
  }

  /** One progress report. */
  Map<String, Object> progress(SimulationProgress progress) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("id", progress.getId());
    document.put("kind", progress.getKind());
    document.put("status", progress.getStatus().name());
    document.put("fraction", progress.getFraction());
    document.put("queuePosition", progress.getQueuePosition());
    document.put("message", progress.getMessage());
    document.put("time", progress.getTime());
    return document;
  }

  private static double fraction(RunState run) {
    return run.progress() == null ? 0 : run.progress().getFraction();
  }
}
