package dev.signalyard.queryapi.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.queryapi.DeviceStateChanges;
import dev.signalyard.queryapi.QueryApiApplication;
import dev.signalyard.testsupport.Await;
import dev.signalyard.testsupport.KafkaTestBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;

/**
 * Resume and limits of the SSE streams, over HTTP against the real broker: a client dropped in the
 * middle of a stream of device-state changes (six partitions) and reconnected with its last event
 * id, by header and by query parameter, gets every change exactly once; an id that is not ours gets
 * {@code resync} and a snapshot; one stream more than the per-principal limit is refused with 429
 * until one ends.
 */
@SpringBootTest(
    classes = QueryApiApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "signalyard.query.heartbeat=200ms",
      "signalyard.query.live.max-streams-per-principal=" + StreamResumeAndLimitTest.MAX_STREAMS
    })
class StreamResumeAndLimitTest {

  static final int MAX_STREAMS = 3;
  private static final String LOCAL_CLIENT = "ip:127.0.0.1";
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> EVENTS =
      new ParameterizedTypeReference<>() {};

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add(
        "signalyard.kafka.bootstrap-servers", () -> KafkaTestBroker.shared().bootstrapServers());
  }

  @LocalServerPort int port;
  @Autowired StreamLimitWebFilter limits;

  private final DeviceStateChanges changes = new DeviceStateChanges();
  private final List<Disposable> connections = new ArrayList<>();

  /** Streams of the previous test end asynchronously; each test starts with every slot free. */
  @BeforeEach
  void slotsFree() {
    await(() -> limits.openStreams(LOCAL_CLIENT) == 0);
  }

  @AfterEach
  void close() {
    connections.forEach(Disposable::dispose);
    changes.close();
  }

  /** One SSE connection whose events land in a queue until it is dropped. */
  private final class Connection {
    final BlockingQueue<ServerSentEvent<Map<String, Object>>> received =
        new LinkedBlockingQueue<>();
    final Disposable subscription;

    Connection(String uri, String lastEventIdHeader) {
      subscription =
          WebClient.create("http://127.0.0.1:" + port)
              .get()
              .uri(uri)
              .accept(MediaType.TEXT_EVENT_STREAM)
              .headers(
                  h -> {
                    if (lastEventIdHeader != null) {
                      h.set(SseStreams.LAST_EVENT_ID, lastEventIdHeader);
                    }
                  })
              .retrieve()
              .bodyToFlux(EVENTS)
              .subscribe(received::add);
      connections.add(subscription);
    }

    ServerSentEvent<Map<String, Object>> next() {
      try {
        ServerSentEvent<Map<String, Object>> event =
            received.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        if (event == null) {
          throw new AssertionError("no event within " + PATIENCE);
        }
        return event;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }

    void drop() {
      subscription.dispose();
    }
  }

  @Test
  void aDroppedClientThatReconnectsWithItsLastEventIdGetsEveryChangeExactlyOnce() {
    String prefix = "30077" + (10_000 + ThreadLocalRandom.current().nextInt(89_999));
    List<String> imeis = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      imeis.add(prefix + String.format("%05d", i));
    }
    Map<String, Integer> seen = new HashMap<>();
    String lastId;

    // 1: a new client; its snapshot ends with an id, then changes 0..99 are written.
    Connection first = new Connection("/api/devices/stream", null);
    lastId = readUntilAnId(first);
    produce(imeis, 0, 100);
    lastId = readOurs(first, 40, prefix, seen, lastId);
    first.drop();

    // 2: while it is away, 100 more; it comes back with Last-Event-ID.
    produce(imeis, 100, 200);
    Connection second = new Connection("/api/devices/stream", lastId);
    lastId = readOurs(second, 120 - 40, prefix, seen, lastId);
    second.drop();

    // 3: and again, this time with the query parameter.
    produce(imeis, 200, 300);
    Connection third = new Connection("/api/devices/stream?lastEventId=" + lastId, null);
    readOurs(third, 300 - 120, prefix, seen, lastId);

    assertThat(seen).hasSize(300);
    assertThat(seen.values()).containsOnly(1);
    assertThat(third.received).noneMatch(e -> isOurs(e, prefix));
  }

  @Test
  void anIdThatIsNotAStreamPositionGetsResyncThenTheSnapshot() {
    String imei = "30078" + (1_000_000_000L + ThreadLocalRandom.current().nextLong(8_999_999_999L));
    changes.send(imei, 7);

    // Data as text: the resync event's data is a sentence, the device event's JSON.
    List<ServerSentEvent<String>> events =
        WebClient.create("http://127.0.0.1:" + port)
            .get()
            .uri("/api/devices/stream?imei=" + imei)
            .accept(MediaType.TEXT_EVENT_STREAM)
            .header(SseStreams.LAST_EVENT_ID, "3-1234")
            .retrieve()
            .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
            .filter(e -> e.comment() == null)
            .take(2)
            .collectList()
            .block(PATIENCE);

    assertThat(events.get(0).event()).isEqualTo(SseStreams.RESYNC_EVENT);
    assertThat(events.get(0).data()).isEqualTo(LiveStream.RESUME_TOO_OLD);
    ServerSentEvent<String> snapshot = events.get(1);
    assertThat(snapshot.event()).isEqualTo("device");
    assertThat(snapshot.data()).contains("\"imei\":\"" + imei + "\"", "\"momsn\":7");
    assertThat(StreamPosition.parse(snapshot.id())).isPresent();
  }

  @Test
  void oneStreamMoreThanTheLimitIsRefusedUntilOneEnds() {
    String key = LOCAL_CLIENT;
    List<Connection> open = new ArrayList<>();
    for (int i = 0; i < MAX_STREAMS; i++) {
      Connection c = new Connection("/api/devices/stream?imei=399999999999990", null);
      readUntilAnId(c);
      open.add(c);
    }
    assertThat(limits.openStreams(key)).isEqualTo(MAX_STREAMS);

    Map<String, Object> problem =
        WebClient.create("http://127.0.0.1:" + port)
            .get()
            .uri("/api/devices/stream")
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchangeToMono(
                response -> {
                  assertThat(response.statusCode().value()).isEqualTo(429);
                  assertThat(response.headers().asHttpHeaders().getFirst("Retry-After"))
                      .isEqualTo("5");
                  assertThat(response.headers().contentType())
                      .hasValue(MediaType.APPLICATION_PROBLEM_JSON);
                  return response.bodyToMono(
                      new ParameterizedTypeReference<Map<String, Object>>() {});
                })
            .block(PATIENCE);
    assertThat(problem)
        .containsEntry("type", "urn:signalyard:problem:too-many-requests")
        .containsEntry("status", 429)
        .containsEntry("maxStreamsPerPrincipal", MAX_STREAMS);

    open.get(0).drop();
    await(() -> limits.openStreams(key) == MAX_STREAMS - 1);
    Connection again = new Connection("/api/devices/stream?imei=399999999999990", null);
    assertThat(readUntilAnId(again)).isNotNull();
    assertThat(limits.openStreams(key)).isEqualTo(MAX_STREAMS);
  }

  private static String readUntilAnId(Connection connection) {
    while (true) {
      ServerSentEvent<Map<String, Object>> event = connection.next();
      if (event.id() != null) {
        return event.id();
      }
    }
  }

  /** Reads until {@code count} more of this test's changes arrived; returns the last id read. */
  private static String readOurs(
      Connection connection, int count, String prefix, Map<String, Integer> seen, String lastId) {
    int ours = 0;
    String id = lastId;
    while (ours < count) {
      ServerSentEvent<Map<String, Object>> event = connection.next();
      assertThat(event.event()).isNotEqualTo(SseStreams.RESYNC_EVENT);
      if (event.id() != null) {
        id = event.id();
      }
      if (isOurs(event, prefix)) {
        seen.merge(event.data().get("imei") + "/" + event.data().get("momsn"), 1, Integer::sum);
        ours++;
      }
    }
    return id;
  }

  private static boolean isOurs(ServerSentEvent<Map<String, Object>> event, String prefix) {
    return event.data() != null
        && event.data().get("imei") instanceof String imei
        && imei.startsWith(prefix);
  }

  /** Changes {@code from..to-1}: change i is momsn i of device i % 20, so each is unique. */
  private void produce(List<String> imeis, int from, int to) {
    for (int i = from; i < to; i++) {
      String imei = imeis.get(i % imeis.size());
      changes.send(imei, i);
    }
  }

  private static void await(BooleanSupplier condition) {
    Await.until(PATIENCE, condition);
  }
}
