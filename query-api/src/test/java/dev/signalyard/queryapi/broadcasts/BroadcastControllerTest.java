package dev.signalyard.queryapi.broadcasts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.queryapi.QueryApiApplication;
import dev.signalyard.schemas.broadcasts.Broadcast;
import dev.signalyard.schemas.broadcasts.BroadcastCount;
import dev.signalyard.schemas.broadcasts.BroadcastSeverity;
import dev.signalyard.schemas.broadcasts.ProcessStatus;
import dev.signalyard.schemas.broadcasts.SessionState;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import dev.signalyard.testsupport.Await;
import dev.signalyard.testsupport.KafkaTestBroker;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Reads the broadcast topics from a real broker and serves them. */
@SpringBootTest(
    classes = QueryApiApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "signalyard.query.heartbeat=200ms")
@AutoConfigureWebTestClient(timeout = "30s")
class BroadcastControllerTest {

  /** Recent enough for the 24 h feed retention whenever the test runs. */
  private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minusSeconds(600);

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add(
        "signalyard.kafka.bootstrap-servers", () -> KafkaTestBroker.shared().bootstrapServers());
  }

  @Autowired WebTestClient client;
  @Autowired BroadcastFeed feed;

  private final String session = "s-" + UUID.randomUUID().toString().substring(0, 8);
  private final KafkaProducer<String, byte[]> producer =
      new KafkaProducer<>(
          Map.of(
              ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.shared().bootstrapServers()),
          new StringSerializer(),
          new ByteArraySerializer());

  @AfterEach
  void close() {
    producer.close();
  }

  @Test
  void servesTheFeedNewestFirstWithFiltersAndCursorPaging() {
    for (int i = 0; i < 5; i++) {
      publishBroadcast(
          i,
          i == 3 ? "DRUNC_EXCEPTION_RAISED" : "ACK",
          i == 3 ? BroadcastSeverity.ERROR : BroadcastSeverity.DEBUG,
          "message " + i);
    }
    publishBroadcast(5, "UNHANDLED_EXCEPTION_RAISED", BroadcastSeverity.FATAL, "'KeyError' thrown");
    await(() -> feed.all(b -> b.getSession().equals(session)).size() == 6);

    Map<String, Object> first = get("/api/broadcasts?session=" + session + "&limit=4");
    assertThat(texts(first))
        .containsExactly("'KeyError' thrown", "message 4", "message 3", "message 2");
    Map<String, Object> second =
        get("/api/broadcasts?session=" + session + "&limit=4&cursor=" + first.get("next"));
    assertThat(texts(second)).containsExactly("message 1", "message 0");
    assertThat(second.get("next")).isNull();

    assertThat(texts(get("/api/broadcasts?session=" + session + "&severity>=ERROR")))
        .containsExactly("'KeyError' thrown", "message 3");
    assertThat(texts(get("/api/broadcasts?session=" + session + "&severity=CRITICAL")))
        .containsExactly("'KeyError' thrown");
    assertThat(texts(get("/api/broadcasts?session=" + session + "&type=ack&q=MESSAGE 1")))
        .containsExactly("message 1");
    assertThat(
            texts(
                get(
                    "/api/broadcasts?session="
                        + session
                        + "&since="
                        + T0.plusSeconds(4)
                        + "&until="
                        + T0.plusSeconds(5))))
        .containsExactly("message 4");
  }

  @Test
  void answersABadFilterWithAProblem() {
    client
        .get()
        .uri("/api/broadcasts?severity=LOUD&limit=0&cursor=@@")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.errors[*].field")
        .value(fields -> assertThat((List<Object>) fields).contains("severity", "limit", "cursor"));
  }

  @Test
  void streamsTheLastBroadcastsThenLiveOnes() {
    publishBroadcast(0, "ACK", BroadcastSeverity.DEBUG, "old 0");
    publishBroadcast(1, "DRUNC_EXCEPTION_RAISED", BroadcastSeverity.ERROR, "old 1");
    publishBroadcast(2, "DRUNC_EXCEPTION_RAISED", BroadcastSeverity.ERROR, "old 2");
    await(() -> feed.all(b -> b.getSession().equals(session)).size() == 3);

    Flux<ServerSentEvent<Map<String, Object>>> events =
        client
            .get()
            .uri("/api/broadcasts/stream?session=" + session + "&severity>=ERROR&last=1")
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {})
            .getResponseBody();

    StepVerifier.create(events.filter(e -> e.data() != null).map(e -> e.data().get("text")).take(2))
        .expectNext("old 2")
        .then(
            () -> {
              await(() -> feed.subscriberCount() > 0);
              publishBroadcast(3, "ACK", BroadcastSeverity.DEBUG, "live debug");
              publishBroadcast(
                  4, "CHILD_COMMAND_EXECUTION_FAILED", BroadcastSeverity.ERROR, "live error");
            })
        .expectNext("live error")
        .thenCancel()
        .verify(Duration.ofSeconds(30));
  }

  @Test
  void servesSessionsWithFsmStateProcessesAndCounts() {
    Instant minute = T0;
    publish(
        TopicCatalog.BROADCAST_SESSIONS.name(),
        session,
        SessionState.newBuilder()
            .setSession(session)
            .setLastActivity(T0.plusSeconds(90))
            .setMessages(7)
            .setFsmState("running")
            .setFsmUpdatedAt(T0.plusSeconds(30))
            .setProcesses(
                List.of(new ProcessStatus("process_manager", "READY", T0, "SERVER_READY")))
            .build());
    publishCount(minute, "DEBUG", 4);
    publishCount(minute, "ERROR", 1);
    publishCount(minute.plusSeconds(60), "DEBUG", 2);
    await(
        () ->
            client
                .get()
                .uri("/api/sessions/{s}", session)
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .is2xxSuccessful());
    await(() -> counted() == 7);

    client
        .get()
        .uri("/api/sessions")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$[?(@.session=='" + session + "')].fsmState")
        .isEqualTo("running")
        .jsonPath("$[?(@.session=='" + session + "')].processes[0].status")
        .isEqualTo("READY")
        .jsonPath("$[?(@.session=='" + session + "')].counts.DEBUG")
        .isEqualTo(6);

    client
        .get()
        .uri(
            "/api/sessions/{s}/counts?window=1m&from={f}&to={t}",
            session,
            minute.minusSeconds(60),
            minute.plusSeconds(120))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.buckets.length()")
        .isEqualTo(2)
        .jsonPath("$.buckets[0].total")
        .isEqualTo(5)
        .jsonPath("$.buckets[0].counts.ERROR")
        .isEqualTo(1);

    client
        .get()
        .uri(
            "/api/sessions/{s}/counts?window=1h&from={f}&to={t}",
            session,
            minute.minusSeconds(60),
            minute.plusSeconds(120))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.buckets[*].total")
        .value(
            totals ->
                assertThat(
                        ((List<?>) totals).stream().mapToLong(t -> ((Number) t).longValue()).sum())
                    .isEqualTo(7));

    client
        .get()
        .uri("/api/sessions/nope-{s}/counts", session)
        .exchange()
        .expectStatus()
        .isNotFound();
    client
        .get()
        .uri("/api/sessions/{s}/counts?window=90s", session)
        .exchange()
        .expectStatus()
        .isBadRequest();
  }

  private long counted() {
    Map<String, Object> body =
        client
            .get()
            .uri("/api/sessions/{s}", session)
            .exchange()
            .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
            .returnResult()
            .getResponseBody();
    @SuppressWarnings("unchecked")
    Map<String, Number> counts = (Map<String, Number>) body.get("counts");
    return counts == null ? 0 : counts.values().stream().mapToLong(Number::longValue).sum();
  }

  private Map<String, Object> get(String uri) {
    return client
        .get()
        .uri(uri)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
        .returnResult()
        .getResponseBody();
  }

  @SuppressWarnings("unchecked")
  private static List<Object> texts(Map<String, Object> page) {
    return ((List<Map<String, Object>>) page.get("items"))
        .stream().map(i -> i.get("text")).toList();
  }

  private void publishBroadcast(int offset, String type, BroadcastSeverity severity, String text) {
    String topic = "control." + session + ".process_manager";
    publish(
        TopicCatalog.BROADCAST_FEED.name(),
        session,
        Broadcast.newBuilder()
            .setId(topic + "-0-" + offset)
            .setSession(session)
            .setSource("process_manager")
            .setUpstreamTopic(topic)
            .setUpstreamPartition(0)
            .setUpstreamOffset(offset)
            .setType(type)
            .setSeverity(severity)
            .setText(text)
            .setTime(T0.plusSeconds(offset))
            .build());
  }

  private void publishCount(Instant start, String severity, long count) {
    publish(
        TopicCatalog.BROADCAST_COUNTS.name(),
        session + "|" + severity + "|" + start.toEpochMilli(),
        BroadcastCount.newBuilder()
            .setSession(session)
            .setSeverity(severity)
            .setWindowStart(start)
            .setWindowEnd(start.plusSeconds(60))
            .setCount(count)
            .build());
  }

  @SuppressWarnings("unchecked")
  private <T extends SpecificRecord> void publish(String topic, String key, T value) {
    AvroSerde<T> serde = AvroSerde.of((Class<T>) value.getClass());
    try {
      producer.send(new ProducerRecord<>(topic, key, serde.encode(value))).get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static void await(BooleanSupplier condition) {
    Await.until(Duration.ofSeconds(30), condition);
  }
}
