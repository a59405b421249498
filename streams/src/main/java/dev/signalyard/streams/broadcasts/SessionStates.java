package dev.signalyard.streams.broadcasts;

import dev.signalyard.schemas.broadcasts.Broadcast;
import dev.signalyard.schemas.broadcasts.ProcessStatus;
import dev.signalyard.schemas.broadcasts.SessionState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Folds broadcasts into a {@link SessionState}. Each part only moves forward in message time, so a
 * late or replayed broadcast never overwrites a newer FSM state or process status.
 *
 * <p>Thread-safety: stateless.
 */
final class SessionStates {

  static final String FSM_STATUS_UPDATE = "FSM_STATUS_UPDATE";
  static final String SERVER_READY = "SERVER_READY";
  static final String SERVER_SHUTDOWN = "SERVER_SHUTDOWN";
  static final String STATUS_UPDATE = "STATUS_UPDATE";
  static final String SUBPROCESS_STATUS_UPDATE = "SUBPROCESS_STATUS_UPDATE";

  /** Process status after SERVER_READY. */
  static final String READY = "READY";

  /** Process status after SERVER_SHUTDOWN. */
  static final String SHUTDOWN = "SHUTDOWN";

  private SessionStates() {}

  static SessionState initial() {
    return SessionState.newBuilder()
        .setSession("")
        .setLastActivity(Instant.EPOCH)
        .setMessages(0)
        .build();
  }

  static SessionState apply(String session, Broadcast b, SessionState previous) {
    Instant time = b.getTime();
    SessionState.Builder next =
        SessionState.newBuilder(previous)
            .setSession(session)
            .setMessages(previous.getMessages() + 1)
            .setLastActivity(
                time.isAfter(previous.getLastActivity()) ? time : previous.getLastActivity());
    String type = b.getType();
    if (type.equals(FSM_STATUS_UPDATE)
        && (previous.getFsmUpdatedAt() == null || !time.isBefore(previous.getFsmUpdatedAt()))) {
      next.setFsmState(b.getText().trim()).setFsmUpdatedAt(time);
    }
    String status = processStatus(b);
    if (status != null && !b.getSource().isEmpty()) {
      next.setProcesses(withStatus(previous.getProcesses(), b.getSource(), status, time, type));
    }
    return next.build();
  }

  /** The status a broadcast gives its emitter, or null when its type says nothing about it. */
  static String processStatus(Broadcast b) {
    return switch (b.getType()) {
      case SERVER_READY -> READY;
      case SERVER_SHUTDOWN -> SHUTDOWN;
      case STATUS_UPDATE, SUBPROCESS_STATUS_UPDATE -> b.getText().trim();
      default -> null;
    };
  }

  private static List<ProcessStatus> withStatus(
      List<ProcessStatus> processes, String name, String status, Instant time, String type) {
    List<ProcessStatus> result = new ArrayList<>(processes.size() + 1);
    boolean found = false;
    for (ProcessStatus p : processes) {
      if (p.getName().equals(name)) {
        found = true;
        result.add(
            time.isBefore(p.getUpdatedAt()) ? p : new ProcessStatus(name, status, time, type));
      } else {
        result.add(p);
      }
    }
    if (!found) {
      result.add(new ProcessStatus(name, status, time, type));
    }
    result.sort(Comparator.comparing(ProcessStatus::getName));
    return result;
  }
}
