package dev.signalyard.queryapi.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.platform.kafka.SignalyardKafkaProperties;
import dev.signalyard.queryapi.live.LiveStream.Source;
import dev.signalyard.queryapi.live.TopicView.Entry;
import dev.signalyard.queryapi.live.TopicView.Subscription;
import dev.signalyard.testsupport.KafkaTestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.Disposable;

/**
 * The replay log of a {@link TopicView} on a real three-partition topic: resuming inside the log
 * gives exactly the changes after the position, resuming before it (or without every partition)
 * gives nothing, and a stream opened with such a position starts with {@code resync} and a
 * snapshot.
 */
class TopicViewReplayTest {

  private static final int PARTITIONS = 3;
  private static final int REPLAY_CAPACITY = 5;

  private final String topic = "live-replay-" + UUID.randomUUID();
  private final KafkaProducer<String, String> producer =
      new KafkaProducer<>(
          Map.of(
              ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.shared().bootstrapServers()),
          new StringSerializer(),
          new StringSerializer());
  private TopicView<String> view;

  @BeforeEach
  void start() {
    KafkaTestBroker.shared().createTopic(topic, PARTITIONS);
    view =
        new TopicView<>(
            topic,
            new SignalyardKafkaProperties(
                KafkaTestBroker.shared().bootstrapServers(), null, false, (short) 1, 0, 0),
            bytes -> new String(bytes, StandardCharsets.UTF_8));
    view.setReplayCapacity(REPLAY_CAPACITY);
    view.start();
  }

  @AfterEach
  void stop() {
    view.stop();
    producer.close();
  }

  @Test
  void resumesWithExactlyTheChangesAfterAPositionInsideTheLog() {
    produce(0, 12);
    awaitSize(12);
    Subscription<String> first = view.subscribe(10);
    first.release().dispose();
    Map<Integer, Long> seen = first.position();
    assertThat(seen).containsOnlyKeys(0, 1, 2);

    produce(12, 15);
    awaitSize(15);

    Subscription<String> resumed = view.resume(seen, 10).orElseThrow();
    resumed.release().dispose();
    // Order is kept per partition only; these three are on three partitions.
    assertThat(resumed.snapshot())
        .extracting(Entry::key)
        .containsExactlyInAnyOrder("k12", "k13", "k14");
    // The replayed changes are still to be sent: the resumed position is the client's.
    assertThat(resumed.position()).isEqualTo(seen);
  }

  @Test
  void cannotResumeBeforeTheLogOrWithoutEveryPartition() {
    produce(0, 12);
    awaitSize(12);

    assertThat(view.resume(Map.of(0, 0L, 1, 0L, 2, 0L), 10)).isEmpty();
    Map<Integer, Long> now = view.subscribe(10).position();
    Map<Integer, Long> withoutOne = new HashMap<>(now);
    withoutOne.remove(2);
    assertThat(view.resume(withoutOne, 10)).isEmpty();
    assertThat(view.resume(now, 10)).isPresent();
  }

  @Test
  void aStreamResumedBeforeTheLogStartsWithResyncThenTheSnapshot() {
    produce(0, 12);
    awaitSize(12);
    LiveStream stream =
        LiveStream.of(
            10,
            List.of(
                Source.withSnapshot(
                    "v",
                    view,
                    Comparator.comparing(Entry::key),
                    e ->
                        ServerSentEvent.builder().event("item").data((Object) e.value()).build())));

    List<ServerSentEvent<Object>> events =
        stream.open("v:0-0.1-0.2-0").take(13).collectList().block(Duration.ofSeconds(10));

    assertThat(events.get(0).event()).isEqualTo(SseStreams.RESYNC_EVENT);
    assertThat(events.subList(1, 13)).extracting(ServerSentEvent::event).containsOnly("item");
    assertThat(events.subList(1, 12)).extracting(ServerSentEvent::id).containsOnlyNulls();
    assertThat(StreamPosition.parse(events.get(12).id()).orElseThrow().of("v"))
        .isEqualTo(view.subscribe(1).position());
  }

  @Test
  void aStreamResumedFromItsLastEventIdContinuesWithoutGapOrRepeat() {
    produce(0, 6);
    awaitSize(6);
    LiveStream stream =
        LiveStream.of(
            100,
            List.of(
                Source.withSnapshot(
                    "v",
                    view,
                    Comparator.comparing(Entry::key),
                    e ->
                        ServerSentEvent.builder().event("item").data((Object) e.value()).build())));
    BlockingQueue<ServerSentEvent<Object>> received = new LinkedBlockingQueue<>();
    Disposable first = stream.open(null).subscribe(received::add);
    produce(6, 9);
    List<ServerSentEvent<Object>> firstEvents = take(received, 8);
    first.dispose();
    String lastId = firstEvents.get(7).id();
    produce(9, 12);

    List<ServerSentEvent<Object>> resumed =
        stream.open(lastId).take(4).collectList().block(Duration.ofSeconds(10));

    // Exactly the four changes after the id, each once; the view reads its three partitions in
    // whatever order the fetches return, so only the order within a partition is promised.
    assertThat(resumed)
        .extracting(ServerSentEvent::data)
        .containsExactlyInAnyOrder("v8", "v9", "v10", "v11");
  }

  private static List<ServerSentEvent<Object>> take(
      BlockingQueue<ServerSentEvent<Object>> queue, int count) {
    List<ServerSentEvent<Object>> events = new ArrayList<>();
    while (events.size() < count) {
      try {
        ServerSentEvent<Object> e = queue.poll(10, TimeUnit.SECONDS);
        if (e == null) {
          throw new AssertionError("only " + events);
        }
        events.add(e);
      } catch (InterruptedException ex) {
        throw new AssertionError(ex);
      }
    }
    return events;
  }

  private void produce(int from, int to) {
    try {
      for (int i = from; i < to; i++) {
        producer.send(new ProducerRecord<>(topic, i % PARTITIONS, "k" + i, "v" + i)).get();
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private void awaitSize(int size) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (view.snapshot().size() < size) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("view has " + view.snapshot().size() + " of " + size);
      }
      sleep(50);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
