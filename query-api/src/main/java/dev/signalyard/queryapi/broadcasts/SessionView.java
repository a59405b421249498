package dev.signalyard.queryapi.broadcasts;

import dev.signalyard.schemas.broadcasts.ProcessStatus;
import dev.signalyard.schemas.broadcasts.SessionState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A run-control session as the API shows it. Immutable.
 *
 * @param session session name
 * @param lastActivity time of its newest broadcast
 * @param fsmState text of its newest FSM_STATUS_UPDATE, null before the first
 * @param fsmUpdatedAt time of that update
 * @param messages broadcasts seen in total
 * @param counts broadcasts per severity within the feed retention
 * @param processes its processes and their newest status
 */
record SessionView(
    String session,
    Instant lastActivity,
    String fsmState,
    Instant fsmUpdatedAt,
    long messages,
    Map<String, Long> counts,
    List<Process> processes) {

  /**
   * @param name emitter process name
   * @param status READY, SHUTDOWN or the text of its newest status update
   * @param updatedAt when the status was set
   * @param lastType the broadcast type that set it
   */
  record Process(String name, String status, Instant updatedAt, String lastType) {
    static Process of(ProcessStatus p) {
      return new Process(p.getName(), p.getStatus(), p.getUpdatedAt(), p.getLastType());
    }
  }

  static SessionView of(SessionState s, Map<String, Long> counts) {
    return new SessionView(
        s.getSession(),
        s.getLastActivity(),
        s.getFsmState(),
        s.getFsmUpdatedAt(),
        s.getMessages(),
        counts,
        s.getProcesses().stream().map(Process::of).toList());
  }
}
