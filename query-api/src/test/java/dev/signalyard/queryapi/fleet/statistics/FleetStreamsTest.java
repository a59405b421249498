package dev.signalyard.queryapi.fleet.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.queryapi.QueryApiApplication;
import dev.signalyard.queryapi.live.SseStreams;
import dev.signalyard.schemas.fleet.AggregationType;
import dev.signalyard.schemas.fleet.Roundtrip;
import dev.signalyard.testsupport.KafkaTestBroker;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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
 * The SSE streams of new roundtrips and of changed daily usage, over HTTP against the real broker:
 * filtered per vehicle and location, and resumed with {@code Last-Event-ID} without a gap or
 * repeat.
 */
@SpringBootTest(
    classes = QueryApiApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "signalyard.query.heartbeat=200ms")
class FleetStreamsTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> EVENTS =
      new ParameterizedTypeReference<>() {};

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add(
        "signalyard.kafka.bootstrap-servers", () -> KafkaTestBroker.shared().bootstrapServers());
  }

  @LocalServerPort int port;

  private final FleetTopics topics = new FleetTopics();
  private final long base = FleetTopics.uniqueBase();
  private final List<Disposable> connections = new ArrayList<>();

  @AfterEach
  void close() {
    connections.forEach(Disposable::dispose);
    topics.close();
  }

  @Test
  void streamsNewRoundtripsAndRetractionsOfOneVehicleAndResumes() {
    long vehicle = base + 1;
    long other = base + 2;
    long location = base + 3;
    Connection stream = new Connection("/api/fleet/roundtrips/stream?vehicle=" + vehicle, null);
    ServerSentEvent<Map<String, Object>> start = stream.next();
    assertThat(start.event()).isNull();
    assertThat(start.id()).startsWith("roundtrips:");

    String[] trip = {"2026-11-02T07:00:00Z", "2026-11-02T07:40:00Z", "12.5"};
    Roundtrip first = topics.roundtrip(vehicle, location, AggregationType.COMPLETE, false, trip);
    topics.roundtrip(
        other,
        location,
        AggregationType.COMPLETE,
        false,
        new String[] {"2026-11-02T08:00:00Z", "2026-11-02T08:10:00Z", "3"});
    topics.roundtrip(vehicle, location, AggregationType.COMPLETE, true, trip);

    ServerSentEvent<Map<String, Object>> created = stream.next();
    assertThat(created.event()).isEqualTo("roundtrip");
    assertThat(created.data())
        .containsEntry("id", first.getId())
        .containsEntry("aggregationType", "complete")
        .containsEntry("distanceKm", 12.5)
        .containsEntry("deleted", false);
    assertThat(((List<?>) created.data().get("segments"))).hasSize(1);
    ServerSentEvent<Map<String, Object>> retracted = stream.next();
    assertThat(retracted.event()).isEqualTo("roundtrip-deleted");
    assertThat(retracted.data()).containsEntry("id", first.getId());
    stream.drop();

    Connection resumed =
        new Connection("/api/fleet/roundtrips/stream?vehicle=" + vehicle, created.id());
    ServerSentEvent<Map<String, Object>> missed = resumed.next();
    assertThat(missed.event()).isEqualTo("roundtrip-deleted");
    assertThat(missed.id()).isEqualTo(retracted.id());
  }

  @Test
  void streamsChangedUsageRowsOfOneLocation() {
    long vehicle = base + 11;
    long location = base + 12;
    Connection stream = new Connection("/api/fleet/statistics/stream?location=" + location, null);
    assertThat(stream.next().id()).startsWith("usage:");

    topics.usage(vehicle, LocalDate.parse("2026-11-02"), base + 99, 1, 7, 1, 600, 1.0);
    topics.usage(vehicle, LocalDate.parse("2026-11-03"), location, 1, 42.5, 3, 5400, 9.5);

    ServerSentEvent<Map<String, Object>> usage = stream.next();
    assertThat(usage.event()).isEqualTo("usage");
    assertThat(usage.data())
        .containsEntry("date", "2026-11-03")
        .containsEntry("km", 42.5)
        .containsEntry("roundtrips", 3)
        .containsEntry("drivingSeconds", 5400);
    assertThat(((Number) usage.data().get("vehicleId")).longValue()).isEqualTo(vehicle);
  }

  /** One SSE connection whose events land in a queue until it is dropped. */
  private final class Connection {
    final BlockingQueue<ServerSentEvent<Map<String, Object>>> received =
        new LinkedBlockingQueue<>();
    final Disposable subscription;

    Connection(String uri, String lastEventId) {
      subscription =
          WebClient.create("http://127.0.0.1:" + port)
              .get()
              .uri(uri)
              .accept(MediaType.TEXT_EVENT_STREAM)
              .headers(
                  h -> {
                    if (lastEventId != null) {
                      h.set(SseStreams.LAST_EVENT_ID, lastEventId);
                    }
                  })
              .retrieve()
              .bodyToFlux(EVENTS)
              .filter(e -> e.comment() == null)
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
}
