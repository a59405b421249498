package dev.signalyard.queryapi.live;

import dev.signalyard.queryapi.live.TopicView.Entry;
import dev.signalyard.queryapi.live.TopicView.Subscription;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * One SSE stream over one or more {@link TopicView}s: the snapshot of the views that have one, then
 * every change, each event carrying the stream's {@link StreamPosition} as its id. Opened with the
 * id of the last event a client received ({@code Last-Event-ID}), it sends only the changes after
 * that position, taken from the views' replay logs: no snapshot, no gap, no repeat. When a view no
 * longer holds them (or the id is not one of ours) the stream starts with a {@code resync} event
 * and then a fresh snapshot.
 *
 * <p>Snapshot events carry no id except the last one (so a client dropped in the middle of a
 * snapshot gets a whole new one); an empty snapshot is followed by an id-only event, so the client
 * holds a position from the start.
 *
 * <p>Thread-safety: a stream description is immutable; {@link #open} may be called from any thread,
 * and each opened flux keeps its own position, updated serially after the views' changes are
 * merged.
 */
public final class LiveStream {

  /** Data of the {@code resync} event sent when a resume position is no longer held. */
  static final String RESUME_TOO_OLD =
      "The changes after Last-Event-ID are no longer held; a fresh snapshot follows";

  private final List<Source<?>> sources;
  private final int buffer;

  private LiveStream(List<Source<?>> sources, int buffer) {
    this.sources = List.copyOf(sources);
    this.buffer = buffer;
  }

  /**
   * One view of a stream.
   *
   * @param tag short name of the view in event ids, unique within the stream
   * @param view the view
   * @param event the event of a change (id left out: the stream sets it), or null to leave the
   *     change out of this stream (a per-subscriber filter); never called with a tombstone
   * @param snapshotOrder order of the snapshot events, or null for a view without snapshot (an
   *     event view: only changes are streamed)
   */
  public record Source<V>(
      String tag,
      TopicView<V> view,
      Function<Entry<V>, ServerSentEvent<Object>> event,
      Comparator<Entry<V>> snapshotOrder) {

    /** A view whose snapshot comes first, in {@code order}, then its changes. */
    public static <V> Source<V> withSnapshot(
        String tag,
        TopicView<V> view,
        Comparator<Entry<V>> order,
        Function<Entry<V>, ServerSentEvent<Object>> event) {
      return new Source<>(tag, view, event, order);
    }

    /** A view of which only the changes are streamed. */
    public static <V> Source<V> changesOnly(
        String tag, TopicView<V> view, Function<Entry<V>, ServerSentEvent<Object>> event) {
      return new Source<>(tag, view, event, null);
    }

    ServerSentEvent<Object> eventOf(Entry<?> entry) {
      @SuppressWarnings("unchecked")
      Entry<V> typed = (Entry<V>) entry;
      return typed.value() == null ? null : event.apply(typed);
    }
  }

  /** A stream over {@code sources}, buffering up to {@code buffer} changes per view. */
  public static LiveStream of(int buffer, List<Source<?>> sources) {
    if (sources.stream().map(Source::tag).distinct().count() != sources.size()) {
      throw new IllegalArgumentException("source tags must be unique");
    }
    return new LiveStream(sources, buffer);
  }

  /**
   * The events for a client that last received the event with id {@code lastEventId} (null or
   * blank: a new client).
   */
  public Flux<ServerSentEvent<Object>> open(String lastEventId) {
    return Flux.defer(
        () -> {
          if (lastEventId == null || lastEventId.isBlank()) {
            return fresh();
          }
          return StreamPosition.parse(lastEventId)
              .flatMap(this::resume)
              .orElseGet(
                  () ->
                      Flux.just(
                              ServerSentEvent.builder()
                                  .event(SseStreams.RESYNC_EVENT)
                                  .data((Object) RESUME_TOO_OLD)
                                  .build())
                          .concatWith(fresh()));
        });
  }

  private Flux<ServerSentEvent<Object>> fresh() {
    List<Subscription<?>> subscriptions = new ArrayList<>();
    for (Source<?> source : sources) {
      subscriptions.add(source.view().subscribe(buffer));
    }
    Map<String, Map<Integer, Long>> position = positionOf(subscriptions);
    List<ServerSentEvent<Object>> snapshot = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      snapshot.addAll(snapshotEvents(sources.get(i), subscriptions.get(i)));
    }
    String id = StreamPosition.format(position);
    if (snapshot.isEmpty()) {
      snapshot.add(ServerSentEvent.builder().id(id).build());
    } else {
      snapshot.set(snapshot.size() - 1, withId(snapshot.get(snapshot.size() - 1), id));
    }
    List<Flux<Entry<?>>> changes = new ArrayList<>();
    subscriptions.forEach(s -> changes.add(s.changes().<Entry<?>>map(e -> e)));
    return releasedAtEnd(once(snapshot).concatWith(changes(changes, position)), subscriptions);
  }

  private Optional<Flux<ServerSentEvent<Object>>> resume(StreamPosition from) {
    if (!from.views().keySet().equals(tags())) {
      return Optional.empty();
    }
    List<Subscription<?>> subscriptions = new ArrayList<>();
    for (Source<?> source : sources) {
      Optional<? extends Subscription<?>> resumed =
          source.view().resume(from.of(source.tag()), buffer);
      if (resumed.isEmpty()) {
        release(subscriptions);
        return Optional.empty();
      }
      subscriptions.add(resumed.get());
    }
    List<Flux<Entry<?>>> changes = new ArrayList<>();
    for (Subscription<?> s : subscriptions) {
      @SuppressWarnings("unchecked")
      Flux<Entry<?>> missed = once((List<Entry<?>>) (List<?>) s.snapshot());
      changes.add(missed.concatWith(s.changes().<Entry<?>>map(e -> e)));
    }
    return Optional.of(releasedAtEnd(changes(changes, positionOf(subscriptions)), subscriptions));
  }

  /**
   * The items of {@code list}, which the flux forgets once they are sent: a stream lives for hours,
   * and a snapshot (or the replayed changes) of thousands of entries must not live with it.
   */
  private static <T> Flux<T> once(List<T> list) {
    AtomicReference<List<T>> items = new AtomicReference<>(list);
    return Flux.defer(() -> Flux.fromIterable(items.getAndSet(List.of())));
  }

  /**
   * {@code events}, dropping the views' subscriptions when they end. Only the subscriptions'
   * releases are kept for that, not the subscriptions with their snapshots.
   */
  private static <T> Flux<T> releasedAtEnd(Flux<T> events, List<Subscription<?>> subscriptions) {
    List<Disposable> releases = new ArrayList<>();
    subscriptions.forEach(s -> releases.add(s.release()));
    return events.doFinally(signal -> releases.forEach(Disposable::dispose));
  }

  private Set<String> tags() {
    Set<String> tags = new HashSet<>();
    sources.forEach(s -> tags.add(s.tag()));
    return tags;
  }

  /** Drops views' subscriptions whose changes were never, or are no longer, read. */
  private static void release(List<Subscription<?>> subscriptions) {
    subscriptions.forEach(s -> s.release().dispose());
  }

  private Map<String, Map<Integer, Long>> positionOf(List<Subscription<?>> subscriptions) {
    Map<String, Map<Integer, Long>> position = new HashMap<>();
    for (int i = 0; i < sources.size(); i++) {
      position.put(sources.get(i).tag(), new HashMap<>(subscriptions.get(i).position()));
    }
    return position;
  }

  private static <V> List<ServerSentEvent<Object>> snapshotEvents(
      Source<V> source, Subscription<?> subscription) {
    if (source.snapshotOrder() == null) {
      return List.of();
    }
    @SuppressWarnings("unchecked")
    List<Entry<V>> entries = new ArrayList<>((List<Entry<V>>) (List<?>) subscription.snapshot());
    entries.sort(source.snapshotOrder());
    List<ServerSentEvent<Object>> events = new ArrayList<>(entries.size());
    for (Entry<V> entry : entries) {
      ServerSentEvent<Object> event = source.eventOf(entry);
      if (event != null) {
        events.add(event);
      }
    }
    return events;
  }

  /** The merged changes of every view, each event with the stream's position after it. */
  private Flux<ServerSentEvent<Object>> changes(
      List<Flux<Entry<?>>> changes, Map<String, Map<Integer, Long>> position) {
    List<Flux<Tagged>> tagged = new ArrayList<>();
    for (int i = 0; i < changes.size(); i++) {
      Source<?> source = sources.get(i);
      tagged.add(changes.get(i).map(entry -> new Tagged(source, entry)));
    }
    return Flux.defer(
        () -> {
          StreamPosition.Cursor cursor = new StreamPosition.Cursor(position);
          // merge serialises its output, so the cursor is only touched by one thread at a time. Its
          // queues are kept small: changes wait in the subscriber's bounded buffer, not here.
          @SuppressWarnings("unchecked")
          Flux<Tagged>[] sources = tagged.toArray(new Flux[0]);
          return Flux.merge(SseStreams.QUEUED_EVENTS, sources)
              .handle(
                  (change, sink) -> {
                    Entry<?> entry = change.entry();
                    String id =
                        cursor.advance(
                            change.source().tag(), entry.partition(), entry.offset() + 1);
                    ServerSentEvent<Object> event = change.source().eventOf(entry);
                    if (event != null) {
                      sink.next(withId(event, id));
                    }
                  });
        });
  }

  private record Tagged(Source<?> source, Entry<?> entry) {}

  private static ServerSentEvent<Object> withId(ServerSentEvent<Object> event, String id) {
    ServerSentEvent.Builder<Object> builder = ServerSentEvent.builder().id(id);
    if (event.event() != null) {
      builder.event(event.event());
    }
    if (event.data() != null) {
      builder.data(event.data());
    }
    if (event.comment() != null) {
      builder.comment(event.comment());
    }
    if (event.retry() != null) {
      builder.retry(event.retry());
    }
    return builder.build();
  }
}
