package dev.signalyard.queryapi.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.queryapi.live.TopicView.Entry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.core.ResolvableType;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.codec.ServerSentEventHttpMessageWriter;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

class EncodedEventsTest {

  record Reading(String imei, double latitude, Instant at, List<String> flags) {}

  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void anEntrysEventIsMadeOnceForAllSubscribers() {
    AtomicInteger made = new AtomicInteger();
    EncodedEvents<Reading> events =
        EncodedEvents.of(
            json,
            e -> {
              made.incrementAndGet();
              return ServerSentEvent.builder().event("reading").data((Object) e.value()).build();
            });
    Entry<Reading> entry = new Entry<>("a", reading("a"), 0, 7);

    ServerSentEvent<Object> first = events.of(entry);
    for (int subscriber = 0; subscriber < 999; subscriber++) {
      assertThat(events.of(entry)).isSameAs(first);
    }
    assertThat(made).hasValue(1);

    // Another change is another event; another encoder of the same entry keeps its own.
    assertThat(events.of(new Entry<>("a", reading("a"), 0, 8))).isNotSameAs(first);
    EncodedEvents<Reading> other =
        EncodedEvents.of(json, e -> ServerSentEvent.builder().data((Object) "x").build());
    assertThat(other.of(entry).data()).isEqualTo("x");
    assertThat(events.of(entry)).isSameAs(first);
    assertThat(made).hasValue(2);
  }

  @Test
  void anEntryWithoutAnEventIsAskedOnce() {
    AtomicInteger made = new AtomicInteger();
    EncodedEvents<Reading> events =
        EncodedEvents.of(
            json,
            e -> {
              made.incrementAndGet();
              return null;
            });
    Entry<Reading> entry = new Entry<>("a", reading("a"), 1, 3);
    assertThat(events.of(entry)).isNull();
    assertThat(events.of(entry)).isNull();
    assertThat(made).hasValue(1);
  }

  @Test
  void theWireFormatIsWhatSpringWritesForTheObject() {
    ServerSentEvent<Object> original =
        ServerSentEvent.builder()
            .event("reading")
            .data((Object) reading("300234010000001"))
            .comment("c")
            .build();
    EncodedEvents<Reading> events = EncodedEvents.of(json, e -> original);
    ServerSentEvent<Object> encoded = events.of(new Entry<>("300234010000001", reading("x"), 0, 0));

    assertThat(encoded.data()).isInstanceOf(String.class);
    assertThat(written(encoded)).isEqualTo(written(original)).contains("\"latitude\":55.6");
    ServerSentEvent<Object> text = ServerSentEvent.builder().data((Object) "plain").build();
    assertThat(written(EncodedEvents.<Reading>of(json, e -> text).of(new Entry<>("k", null, 0, 1))))
        .isEqualTo(written(text));
  }

  private String written(ServerSentEvent<Object> event) {
    ServerSentEventHttpMessageWriter writer =
        new ServerSentEventHttpMessageWriter(new JacksonJsonEncoder(json));
    MockServerHttpResponse response = new MockServerHttpResponse();
    writer
        .write(
            Flux.just(event),
            ResolvableType.forClassWithGenerics(ServerSentEvent.class, Object.class),
            MediaType.TEXT_EVENT_STREAM,
            response,
            Map.of())
        .block();
    return response.getBodyAsString().block();
  }

  private static Reading reading(String imei) {
    return new Reading(imei, 55.6, Instant.parse("2026-11-22T10:00:00Z"), List.of("gps", "moving"));
  }
}
