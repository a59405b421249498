package dev.signalyard.queryapi.broadcasts;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.signalyard.schemas.broadcasts.Broadcast;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One broadcast as the API shows it. Immutable.
 *
 * @param id unique id: upstream topic-partition-offset for bridged messages, a UUID for posted ones
 * @param session run-control session
 * @param source emitting process (or ERS application, or posting system)
 * @param type drunc BroadcastType name, ERS_ISSUE, or the poster's type
 * @param severity DEBUG, INFO, WARNING, ERROR or FATAL
 * @param text the message text
 * @param time when it was sent (upstream record time)
 * @param upstreamTopic upstream topic of a bridged message
 * @param details further fields (ERS context and causes, undecoded payloads)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record BroadcastView(
    String id,
    String session,
    String source,
    String type,
    String severity,
    String text,
    Instant time,
    String upstreamTopic,
    Map<String, String> details) {

  static BroadcastView of(Broadcast b) {
    return new BroadcastView(
        b.getId(),
        b.getSession(),
        b.getSource(),
        b.getType(),
        b.getSeverity().name(),
        b.getText(),
        b.getTime(),
        b.getUpstreamTopic(),
        new TreeMap<>(b.getDetails()));
  }
}
