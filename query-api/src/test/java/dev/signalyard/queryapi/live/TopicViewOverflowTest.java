package dev.signalyard.queryapi.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.platform.kafka.SignalyardKafkaProperties;
import dev.signalyard.queryapi.live.TopicView.Entry;
import dev.signalyard.testsupport.Await;
import dev.signalyard.testsupport.KafkaTestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

/**
 * A subscriber that stops taking changes is dropped once its buffer is full: the view forgets it at
 * once (so it holds no more memory for it) and drops what its buffer held; the subscriber, once it
 * reads again, gets the few changes its worker had already taken and then {@link
 * SubscriberOverflowException}. A subscriber that keeps up on the same view gets every change.
 */
class TopicViewOverflowTest {

  private static final int BUFFER = 5;
  private static final int CHANGES = 60;

  @Test
  void aSubscriberThatStopsReadingIsDroppedWithoutHoldingMore() throws Exception {
    String topic = "live-overflow-" + UUID.randomUUID();
    KafkaTestBroker.shared().createTopic(topic, 1);
    TopicView<String> view =
        new TopicView<>(
            topic,
            new SignalyardKafkaProperties(
                KafkaTestBroker.shared().bootstrapServers(), null, false, (short) 1, 0, 0),
            bytes -> new String(bytes, StandardCharsets.UTF_8));
    view.start();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestBroker.shared().bootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      Stalled stalled = new Stalled();
      view.subscribe(BUFFER).changes().subscribe(stalled);
      List<String> keptUp = new CopyOnWriteArrayList<>();
      view.subscribe(BUFFER).changes().map(Entry::value).subscribe(keptUp::add);
      assertThat(view.subscriberCount()).isEqualTo(2);

      for (int i = 0; i < CHANGES; i++) {
        producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)).get();
      }
      await(() -> keptUp.size() == CHANGES);
      assertThat(view.subscriberCount()).isEqualTo(1);

      stalled.request(Long.MAX_VALUE);
      await(() -> stalled.error.get() != null);
      assertThat(stalled.error.get()).isInstanceOf(SubscriberOverflowException.class);
      // What its hand-off to a worker had taken before it stalled (the first few, in order), not
      // what waited in its buffer (dropped on overflow: the subscriber needs a snapshot anyway),
      // then at once the overflow: far fewer than were written.
      assertThat(stalled.values).isNotEmpty().hasSizeLessThan(CHANGES / 2);
      assertThat(stalled.values.get(0)).isEqualTo("v0");
      assertThat(keptUp).startsWith("v0", "v1", "v2").endsWith("v" + (CHANGES - 1));
    } finally {
      view.stop();
    }
  }

  /** Takes nothing until told to. */
  private static final class Stalled extends BaseSubscriber<Entry<String>> {
    final List<String> values = new CopyOnWriteArrayList<>();
    final AtomicReference<Throwable> error = new AtomicReference<>();

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
      // no demand yet
    }

    @Override
    protected void hookOnNext(Entry<String> entry) {
      values.add(entry.value());
    }

    @Override
    protected void hookOnError(Throwable throwable) {
      error.set(throwable);
    }
  }

  private static void await(BooleanSupplier condition) {
    Await.until(Duration.ofSeconds(30), condition);
  }
}
