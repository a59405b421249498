package dev.signalyard.queryapi.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * A window lets events through while fewer than its limit of bytes are unwritten, holds the next
 * one while not, and lets it go as soon as writes complete; a stream cancelled while it waits
 * leaves nothing waiting.
 */
class WriteWindowTest {

  private static final DefaultDataBufferFactory BUFFERS = DefaultDataBufferFactory.sharedInstance;

  @Test
  void eventsPassWhileTheWindowHasRoomAndWaitForWritesOtherwise() {
    WriteWindow window = new WriteWindow(250);
    Sinks.Many<Publisher<DataBuffer>> events = Sinks.many().unicast().onBackpressureBuffer();
    List<String> through = new CopyOnWriteArrayList<>();
    Disposable stream =
        window
            .limit(events.asFlux())
            .concatMap(group -> Flux.from(group).map(WriteWindowTest::text))
            .subscribe(through::add);

    for (int i = 0; i < 5; i++) {
      events.tryEmitNext(event(100, i));
    }
    // 100 + 100 = 200 < 250 lets the third through; 300 holds the fourth.
    assertThat(through).hasSize(3);
    assertThat(window.pending()).isEqualTo(300);
    assertThat(window.waiting()).isTrue();

    window.written(100);
    // 200 < 250: the fourth goes; 300 again holds the fifth.
    assertThat(through).hasSize(4);
    assertThat(window.waiting()).isTrue();

    window.written(300);
    assertThat(through).hasSize(5);
    assertThat(window.pending()).isEqualTo(100);
    assertThat(window.waiting()).isFalse();
    assertThat(through).allMatch(text -> text.length() == 100);
    stream.dispose();
  }

  @Test
  void aStreamCancelledWhileItWaitsLeavesNothingWaiting() {
    WriteWindow window = new WriteWindow(1);
    List<Publisher<DataBuffer>> two = new ArrayList<>(List.of(event(10, 0), event(10, 1)));
    List<String> through = new CopyOnWriteArrayList<>();
    Disposable stream =
        window
            .limit(Flux.fromIterable(two))
            .concatMap(group -> Flux.from(group).map(WriteWindowTest::text))
            .subscribe(through::add);
    assertThat(through).hasSize(1);
    assertThat(window.waiting()).isTrue();

    stream.dispose();
    assertThat(window.waiting()).isFalse();
    window.written(10);
    assertThat(through).hasSize(1);
  }

  private static Publisher<DataBuffer> event(int bytes, int n) {
    byte[] text = Character.toString('a' + n).repeat(bytes).getBytes(StandardCharsets.US_ASCII);
    return Flux.just(BUFFERS.wrap(text));
  }

  private static String text(DataBuffer buffer) {
    return buffer.toString(StandardCharsets.US_ASCII);
  }
}
