package dev.signalyard.queryapi.live;

import dev.signalyard.queryapi.live.TopicView.Entry;
import java.util.function.Function;
import org.springframework.http.codec.ServerSentEvent;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server-sent event of a view's change, made and JSON-encoded once per change for all
 * subscribers, instead of once per subscriber: with thousands of subscribers on one stream,
 * encoding is otherwise most of the fan-out's work. The event is kept on the {@link Entry} (its
 * memo), so it lives exactly as long as the view or its replay log holds the change.
 *
 * <p>The event's data becomes the JSON text of the object {@code event} put there, written by the
 * application's {@link JsonMapper}: byte for byte what Spring's encoder writes for that object
 * (compact JSON has no line breaks, so it is one {@code data:} line). Per-subscriber filters stay
 * outside: {@code event} must depend on the entry alone.
 *
 * <p>Thread-safety: thread-safe; any number of streams may share one instance.
 *
 * @param <V> the view's value type
 */
public final class EncodedEvents<V> {

  private static final ServerSentEvent<Object> NONE = ServerSentEvent.builder().build();

  private final JsonMapper json;
  private final Function<Entry<V>, ServerSentEvent<Object>> event;

  private EncodedEvents(JsonMapper json, Function<Entry<V>, ServerSentEvent<Object>> event) {
    this.json = json;
    this.event = event;
  }

  /**
   * Events made by {@code event} (null: the change has no event in any stream), encoded with {@code
   * json}.
   */
  public static <V> EncodedEvents<V> of(
      JsonMapper json, Function<Entry<V>, ServerSentEvent<Object>> event) {
    return new EncodedEvents<>(json, event);
  }

  /** The encoded event of {@code entry}, or null when it has none. */
  public ServerSentEvent<Object> of(Entry<V> entry) {
    ServerSentEvent<Object> encoded = entry.memo(this, () -> encode(event.apply(entry)));
    return encoded == NONE ? null : encoded;
  }

  private ServerSentEvent<Object> encode(ServerSentEvent<Object> made) {
    if (made == null) {
      return NONE;
    }
    ServerSentEvent.Builder<Object> builder = ServerSentEvent.builder();
    if (made.id() != null) {
      builder.id(made.id());
    }
    if (made.event() != null) {
      builder.event(made.event());
    }
    if (made.data() != null) {
      Object data = made.data();
      builder.data(data instanceof String text ? text : json.writeValueAsString(data));
    }
    if (made.comment() != null) {
      builder.comment(made.comment());
    }
    if (made.retry() != null) {
      builder.retry(made.retry());
    }
    return builder.build();
  }
}
