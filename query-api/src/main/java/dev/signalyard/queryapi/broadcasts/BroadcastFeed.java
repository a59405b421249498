package dev.signalyard.queryapi.broadcasts;

import dev.signalyard.queryapi.live.SubscriberOverflowException;
import dev.signalyard.schemas.broadcasts.Broadcast;
import dev.signalyard.schemas.broadcasts.BroadcastSeverity;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The recent broadcasts of every session, newest first, in memory: fed from {@code broadcast-feed}
 * (duplicates already removed by streams), bounded by age ({@code feed-retention}, by message time)
 * and by count. Pages are addressed by an opaque cursor naming the last broadcast of the previous
 * page, so a page boundary stays put while new broadcasts arrive at the top.
 *
 * <p>Subscribers get the newest N matching broadcasts and then every new one, taken atomically (no
 * gap, no repeat), through a bounded buffer each; one that falls behind gets a {@link
 * SubscriberOverflowException}.
 *
 * <p>Thread-safety: one thread adds (the topic's poll thread); reads and subscriptions may come
 * from any thread. Adding and subscribing share a lock so that a snapshot and its live changes meet
 * exactly.
 */
public final class BroadcastFeed {

  /** Newest first; the id breaks ties so two broadcasts of the same millisecond both stay. */
  static final Comparator<Broadcast> NEWEST_FIRST =
      Comparator.comparing(Broadcast::getTime)
          .reversed()
          .thenComparing(Broadcast::getId, Comparator.reverseOrder());

  private final NavigableSet<Broadcast> items = new ConcurrentSkipListSet<>(NEWEST_FIRST);
  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  private final Duration retention;
  private final int maxBroadcasts;
  private final Clock clock;

  public BroadcastFeed(Duration retention, int maxBroadcasts, Clock clock) {
    this.retention = retention;
    this.maxBroadcasts = maxBroadcasts;
    this.clock = clock;
  }

  /** A page of broadcasts and the cursor of the next one, null when this was the last. */
  public record Page(List<Broadcast> items, String nextCursor) {}

  /** Recent broadcasts (oldest first) and the live ones after them. */
  public record Subscription(List<Broadcast> recent, Flux<Broadcast> live) {}

  private record Subscriber(Predicate<Broadcast> filter, Sinks.Many<Broadcast> sink) {}

  /** Adds one broadcast, unless it is already older than the retention. */
  public void add(Broadcast broadcast) {
    Instant cutoff = clock.instant().minus(retention);
    synchronized (lock) {
      if (broadcast.getTime().isBefore(cutoff) || !items.add(broadcast)) {
        return;
      }
      prune(cutoff);
      for (Subscriber s : subscribers) {
        if (s.filter().test(broadcast)
            && s.sink().tryEmitNext(broadcast) == Sinks.EmitResult.FAIL_OVERFLOW) {
          subscribers.remove(s);
          s.sink()
              .tryEmitError(
                  new SubscriberOverflowException(
                      "This subscriber fell behind; reconnect to continue"));
        }
      }
    }
  }

  private void prune(Instant cutoff) {
    while (!items.isEmpty()
        && (items.size() > maxBroadcasts || items.last().getTime().isBefore(cutoff))) {
      items.pollLast();
    }
  }

  /**
   * Up to {@code limit} broadcasts matching {@code filter}, newest first, after {@code cursor}
   * (null: from the newest).
   *
   * @throws IllegalArgumentException if the cursor is not one this feed issued
   */
  public Page page(Predicate<Broadcast> filter, String cursor, int limit) {
    // Readers only skip expired entries; removing them is left to the adding thread.
    Instant cutoff = clock.instant().minus(retention);
    NavigableSet<Broadcast> view = cursor == null ? items : items.tailSet(decode(cursor), false);
    List<Broadcast> page = new ArrayList<>(Math.min(limit, 256));
    Iterator<Broadcast> it = view.iterator();
    boolean more = false;
    while (it.hasNext()) {
      Broadcast b = it.next();
      if (b.getTime().isBefore(cutoff)) {
        break;
      }
      if (!filter.test(b)) {
        continue;
      }
      if (page.size() == limit) {
        more = true;
        break;
      }
      page.add(b);
    }
    return new Page(page, more ? encode(page.get(page.size() - 1)) : null);
  }

  /** Every broadcast in the feed matching {@code filter}, newest first. */
  public List<Broadcast> all(Predicate<Broadcast> filter) {
    Instant cutoff = clock.instant().minus(retention);
    return items.stream().filter(b -> !b.getTime().isBefore(cutoff)).filter(filter).toList();
  }

  /**
   * The newest {@code last} broadcasts matching {@code filter} (oldest first) and the matching ones
   * added after them, buffered up to {@code buffer}.
   */
  public Subscription subscribe(Predicate<Broadcast> filter, int last, int buffer) {
    Sinks.Many<Broadcast> sink =
        Sinks.many().unicast().onBackpressureBuffer(new ArrayBlockingQueue<>(buffer));
    Subscriber subscriber = new Subscriber(filter, sink);
    synchronized (lock) {
      List<Broadcast> recent = new ArrayList<>(last);
      for (Broadcast b : items) {
        if (recent.size() == last) {
          break;
        }
        if (filter.test(b)) {
          recent.add(b);
        }
      }
      Collections.reverse(recent);
      subscribers.add(subscriber);
      return new Subscription(
          recent, sink.asFlux().doFinally(signal -> subscribers.remove(subscriber)));
    }
  }

  /** Live subscribers, for tests and metrics. */
  public int subscriberCount() {
    return subscribers.size();
  }

  static String encode(Broadcast b) {
    String raw = b.getTime().toEpochMilli() + ":" + b.getId();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** A probe that sorts exactly where the broadcast named by {@code cursor} sorts. */
  static Broadcast decode(String cursor) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int colon = raw.indexOf(':');
      return Broadcast.newBuilder()
          .setId(raw.substring(colon + 1))
          .setSession("")
          .setSource("")
          .setType("")
          .setText("")
          .setSeverity(BroadcastSeverity.INFO)
          .setTime(Instant.ofEpochMilli(Long.parseLong(raw.substring(0, colon))))
          .build();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("is not a cursor returned by this API", e);
    }
  }
}
