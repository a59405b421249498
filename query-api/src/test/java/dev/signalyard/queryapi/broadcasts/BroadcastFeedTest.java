package dev.signalyard.queryapi.broadcasts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalyard.schemas.broadcasts.Broadcast;
import dev.signalyard.schemas.broadcasts.BroadcastSeverity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class BroadcastFeedTest {

  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

  private final BroadcastFeed feed =
      new BroadcastFeed(Duration.ofHours(24), 5, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void pagesNewestFirstWithStableCursors() {
    for (int i = 0; i < 4; i++) {
      feed.add(broadcast("b" + i, NOW.minusSeconds(10 - i), BroadcastSeverity.INFO));
    }
    BroadcastFeed.Page first = feed.page(b -> true, null, 2);
    assertThat(first.items()).extracting(Broadcast::getId).containsExactly("b3", "b2");
    // A newer broadcast arriving between pages does not shift the next page.
    feed.add(broadcast("b9", NOW, BroadcastSeverity.INFO));
    BroadcastFeed.Page second = feed.page(b -> true, first.nextCursor(), 2);
    assertThat(second.items()).extracting(Broadcast::getId).containsExactly("b1", "b0");
    assertThat(second.nextCursor()).isNull();
  }

  @Test
  void dropsBroadcastsOlderThanTheRetentionOrBeyondTheCap() {
    feed.add(broadcast("old", NOW.minus(Duration.ofHours(25)), BroadcastSeverity.INFO));
    for (int i = 0; i < 7; i++) {
      feed.add(broadcast("n" + i, NOW.minusSeconds(100 - i), BroadcastSeverity.INFO));
    }
    assertThat(feed.all(b -> true))
        .extracting(Broadcast::getId)
        .containsExactly("n6", "n5", "n4", "n3", "n2");
  }

  @Test
  void keepsOneCopyOfTheSameBroadcast() {
    Broadcast b = broadcast("same", NOW, BroadcastSeverity.INFO);
    feed.add(b);
    feed.add(b);
    assertThat(feed.all(x -> true)).hasSize(1);
  }

  @Test
  void subscriptionGivesTheLastMatchingThenLiveOnesWithoutGap() {
    feed.add(broadcast("a", NOW.minusSeconds(3), BroadcastSeverity.ERROR));
    feed.add(broadcast("b", NOW.minusSeconds(2), BroadcastSeverity.DEBUG));
    feed.add(broadcast("c", NOW.minusSeconds(1), BroadcastSeverity.ERROR));
    BroadcastFeed.Subscription sub =
        feed.subscribe(b -> b.getSeverity() == BroadcastSeverity.ERROR, 5, 10);
    assertThat(sub.recent()).extracting(Broadcast::getId).containsExactly("a", "c");
    feed.add(broadcast("d", NOW, BroadcastSeverity.DEBUG));
    feed.add(broadcast("e", NOW, BroadcastSeverity.ERROR));
    StepVerifier.create(sub.live().map(Broadcast::getId).take(1)).expectNext("e").verifyComplete();
    assertThat(feed.subscriberCount()).isZero();
  }

  @Test
  void refusesAForeignCursor() {
    assertThatThrownBy(() -> BroadcastFeed.decode("@@"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void severityFiltersAcceptCriticalAndMinimums() {
    assertThat(SeverityFilter.parse("CRITICAL").accepted())
        .containsExactly(BroadcastSeverity.FATAL);
    assertThat(SeverityFilter.parse(">=error").accepted())
        .containsExactly(BroadcastSeverity.ERROR, BroadcastSeverity.FATAL);
    assertThat(SeverityFilter.minimum("WARNING").accepted())
        .containsExactly(
            BroadcastSeverity.WARNING, BroadcastSeverity.ERROR, BroadcastSeverity.FATAL);
    assertThat(SeverityFilter.parse("debug,info").accepted())
        .containsExactly(BroadcastSeverity.DEBUG, BroadcastSeverity.INFO);
    assertThatThrownBy(() -> SeverityFilter.parse("LOUD"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Broadcast broadcast(String id, Instant time, BroadcastSeverity severity) {
    return Broadcast.newBuilder()
        .setId(id)
        .setSession("s")
        .setSource("pm")
        .setType("TEXT_MESSAGE")
        .setSeverity(severity)
        .setText(id)
        .setTime(time)
        .build();
  }
}
