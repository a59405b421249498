package dev.signalyard.queryapi.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.queryapi.DeviceStateChanges;
import dev.signalyard.queryapi.QueryApiApplication;
import dev.signalyard.testsupport.Await;
import dev.signalyard.testsupport.KafkaTestBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SignalType;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;

/**
 * Every stream holds at most {@code pending-write-limit} bytes (here one byte: one event at a time)
 * that the web server has not written to its connection. Through so small a window every change
 * still arrives, in order, over HTTP/1.1 and HTTP/2; and a client that stops reading an HTTP/2
 * stream (its stream window runs out while the shared connection stays healthy) costs the server
 * one pending event, not Reactor Netty's 128 writes: the changes wait in the subscriber's buffer,
 * which overflows into {@code resync} (dropping what it held).
 */
@SpringBootTest(
    classes = QueryApiApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "server.http2.enabled=true",
      "signalyard.query.live.pending-write-limit=1B",
      "signalyard.query.subscriber-buffer=" + StreamWriteLimitTest.BUFFER,
      "signalyard.query.rate-limit.enabled=false"
    })
class StreamWriteLimitTest {

  static final int BUFFER = 200;
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final Pattern MOMSN = Pattern.compile("\"momsn\":(\\d+)");

  /** An event of a device-state change is well under this. */
  private static final int MAX_EVENT_BYTES = 1024;

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add(
        "signalyard.kafka.bootstrap-servers", () -> KafkaTestBroker.shared().bootstrapServers());
  }

  @LocalServerPort int port;
  @Autowired StreamWriteLimitWebFilter limit;

  private final DeviceStateChanges changes = new DeviceStateChanges();

  private final List<Reader> readers = new ArrayList<>();

  @AfterEach
  void close() {
    readers.forEach(Reader::dispose);
    changes.close();
  }

  @Test
  void everyChangeArrivesInOrderThroughAOneEventWindowOverHttp11() {
    everyChangeArrivesInOrder(HttpProtocol.HTTP11);
  }

  @Test
  void everyChangeArrivesInOrderThroughAOneEventWindowOverHttp2() {
    everyChangeArrivesInOrder(HttpProtocol.H2C);
  }

  private void everyChangeArrivesInOrder(HttpProtocol protocol) {
    String imei = newImei();
    changes.send(imei, 0);
    Reader reader = new Reader();
    readers.add(reader);
    stream(protocol, imei).subscribe(reader);
    Await.until(PATIENCE, () -> reader.momsns().contains(0));

    // Fewer than the subscriber buffer, all at once: the window, not the buffer, is what paces.
    changes.sendAll(imei, 1, BUFFER / 2);

    Await.until(PATIENCE, () -> reader.momsns().size() == BUFFER / 2);
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < BUFFER / 2; i++) {
      expected.add(i);
    }
    assertThat(reader.momsns()).isEqualTo(expected);
    assertThat(reader.text()).doesNotContain("event:resync");
  }

  @Test
  void aClientThatStopsReadingAnHttp2StreamCostsOneEventThenGetsResync() {
    // Streams of other tests have ended.
    Await.until(PATIENCE, () -> limit.pendingBytes() == 0);
    String imei = newImei();
    changes.send(imei, 0);
    Reader reader = new Reader();
    readers.add(reader);
    reader.stall();
    stream(HttpProtocol.H2C, imei).subscribe(reader);
    Await.until(PATIENCE, () -> reader.momsns().contains(0));

    // The server's unwritten bytes are sampled all along.
    AtomicLong mostPending = new AtomicLong();
    Thread sampler =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                mostPending.accumulateAndGet(limit.pendingBytes(), Math::max);
                Thread.onSpinWait();
              }
            },
            "pending-sampler");
    sampler.setDaemon(true);
    sampler.start();
    int written = 1;
    try {
      // 300 changes of about 340 bytes, in batches the stream drains while it can (never more than
      // its buffer at once): more than the client's 64 KiB stream window takes, so the server ends
      // up holding the next event.
      while (written < 300) {
        changes.sendAll(imei, written, written + 50);
        written += 50;
        Thread.sleep(300);
      }
      Await.until(PATIENCE, () -> limit.waitingStreams() == 1);
      // Then far more than the subscriber's buffer: it overflows, what it held is dropped, and the
      // resync waits behind the held event.
      changes.sendAll(imei, written, written + 2 * BUFFER);
      written += 2 * BUFFER;
      Thread.sleep(500);
      assertThat(limit.waitingStreams()).isEqualTo(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } finally {
      sampler.interrupt();
    }
    // Without the limit: about 43,000 bytes (Reactor Netty's 128 writes ahead).
    assertThat(mostPending.get())
        .as("most bytes pending")
        .isPositive()
        .isLessThanOrEqualTo(MAX_EVENT_BYTES);

    reader.resume();
    Await.until(PATIENCE, reader::ended);
    assertThat(reader.text()).contains("event:resync");
    List<Integer> momsns = reader.momsns();
    // What the client's stream window took before the server held back, and the few already on
    // their way, in order, no gap; then the buffer overflowed: what it held, and everything after,
    // was never sent.
    assertThat(momsns).hasSizeLessThan(written);
    for (int i = 0; i < momsns.size(); i++) {
      assertThat(momsns.get(i)).isEqualTo(i);
    }
    Await.until(PATIENCE, () -> limit.pendingBytes() == 0);
  }

  private Flux<String> stream(HttpProtocol protocol, String imei) {
    return HttpClient.create()
        .protocol(protocol)
        .headers(h -> h.set("Accept", "text/event-stream"))
        .get()
        .uri("http://127.0.0.1:" + port + "/api/devices/stream?imei=" + imei)
        .responseContent()
        .asString();
  }

  private static String newImei() {
    return "30079" + (1_000_000_000L + ThreadLocalRandom.current().nextLong(8_999_999_999L));
  }

  /** Collects a stream's text; can stop asking for more (the client stops reading) and resume. */
  private static final class Reader extends BaseSubscriber<String> {
    private final StringBuffer text = new StringBuffer();
    private volatile boolean stalled;
    private volatile boolean ended;

    void stall() {
      stalled = true;
    }

    void resume() {
      stalled = false;
      request(Long.MAX_VALUE);
    }

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
      request(1);
    }

    @Override
    protected void hookOnNext(String chunk) {
      text.append(chunk);
      if (!stalled || !text.toString().contains("\"momsn\":0")) {
        request(1);
      }
    }

    @Override
    protected void hookFinally(SignalType type) {
      ended = true;
    }

    boolean ended() {
      return ended;
    }

    String text() {
      return text.toString();
    }

    /** The momsn of every device event received, in order. */
    List<Integer> momsns() {
      List<Integer> momsns = new ArrayList<>();
      Matcher matcher = MOMSN.matcher(text());
      while (matcher.find()) {
        momsns.add(Integer.parseInt(matcher.group(1)));
      }
      return momsns;
    }
  }
}
