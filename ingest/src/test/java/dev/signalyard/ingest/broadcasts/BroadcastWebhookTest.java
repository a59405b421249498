package dev.signalyard.ingest.broadcasts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.ingest.RawTopics;
import dev.signalyard.ingest.WebhookTestBase;
import dev.signalyard.schemas.broadcasts.Broadcast;
import dev.signalyard.schemas.broadcasts.BroadcastSeverity;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** {@code POST /webhooks/broadcasts} over a real Kafka broker, signed like the device webhook. */
class BroadcastWebhookTest extends WebhookTestBase {

  static final String SENDER = "daq-monitor";
  static final String SENDER_SECRET = "daq-monitor-secret-0123456789";

  @DynamicPropertySource
  static void broadcastSecrets(DynamicPropertyRegistry registry) {
    registry.add("signalyard.ingest.broadcasts.secrets." + SENDER, () -> SENDER_SECRET);
    // Also starts the bridge's Spring wiring (BroadcastBridgeTest covers its behaviour).
    registry.add("signalyard.ingest.broadcasts.bridge-enabled", () -> "true");
  }

  private final String session = "wh-" + UUID.randomUUID().toString().substring(0, 8);

  @Autowired BroadcastBridge bridge;

  @Test
  void runsTheBridgeWhenEnabled() {
    assertThat(bridge.isRunning()).isTrue();
  }

  @Test
  void storesASignedMessageKeyedBySession() {
    String body =
        """
        {"session":"%s","source":"hv-monitor","type":"unhandled_exception_raised",\
        "text":"HV trip","time":"2026-11-22T10:00:00Z","details":{"crate":"3"}}"""
            .formatted(session);

    post(MediaType.APPLICATION_JSON, body, SENDER, signature(SENDER_SECRET, body))
        .expectStatus()
        .isOk()
        .expectBody()
        .isEmpty();

    RawTopics.Keyed<Broadcast> stored =
        RawTopics.await(
            TopicCatalog.BROADCASTS.name(),
            AvroSerde.of(Broadcast.class),
            r -> session.equals(r.key()));
    Broadcast b = stored.value();
    assertThat(b.getType()).isEqualTo("UNHANDLED_EXCEPTION_RAISED");
    assertThat(b.getSeverity()).isEqualTo(BroadcastSeverity.FATAL);
    assertThat(b.getText()).isEqualTo("HV trip");
    assertThat(b.getTime()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
    assertThat(b.getDetails()).containsEntry("crate", "3").containsEntry("postedBy", SENDER);
    assertThat(b.getUpstreamTopic()).isNull();
  }

  @Test
  void answersABatchLineByLine() {
    String batch =
        """
        {"session":"%1$s","source":"a","text":"one","severity":"critical"}
        {"session":"%1$s","source":"a"}

        {"session":"%1$s","source":"a","text":"three","severity":"LOUD"}
        """
            .formatted(session);

    post(MediaType.APPLICATION_NDJSON, batch, SENDER, signature(SENDER_SECRET, batch))
        .expectStatus()
        .isOk()
        .expectBody()
        .json(
            """
            {"accepted":1,"rejected":2,"results":[
              {"line":1,"status":"accepted"},
              {"line":2,"status":"rejected","errors":[{"field":"text"}]},
              {"line":4,"status":"rejected","errors":[{"field":"severity"}]}]}""");

    Broadcast b =
        RawTopics.await(
                TopicCatalog.BROADCASTS.name(),
                AvroSerde.of(Broadcast.class),
                List.<Predicate<RawTopics.Keyed<Broadcast>>>of(r -> session.equals(r.key())))
            .get(0)
            .value();
    assertThat(b.getSeverity()).isEqualTo(BroadcastSeverity.FATAL);
    assertThat(b.getType()).isEqualTo("TEXT_MESSAGE");
  }

  @Test
  void refusesABadSignatureWithAProblemAndAChallenge() {
    String body = "{\"session\":\"s\",\"source\":\"a\",\"text\":\"x\"}";
    post(MediaType.APPLICATION_JSON, body, SENDER, signature("wrong-secret-0123456789", body))
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .valueEquals("WWW-Authenticate", "Signalyard-HMAC-SHA256 realm=\"broadcasts\"")
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    // A device sender's secret does not open the broadcast webhook.
    post(MediaType.APPLICATION_JSON, body, FLEET, signature(FLEET_SECRET, body))
        .expectStatus()
        .isUnauthorized();
  }

  @Test
  void refusesAnInvalidMessageListingEveryField() {
    String body = "{\"session\":\"\",\"text\":5,\"time\":\"yesterday\",\"colour\":\"red\"}";
    post(MediaType.APPLICATION_JSON, body, SENDER, signature(SENDER_SECRET, body))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[*].field")
        .value(
            fields ->
                assertThat((List<Object>) fields)
                    .containsExactlyInAnyOrder("colour", "session", "source", "text", "time"));
  }

  private WebTestClient.ResponseSpec post(
      MediaType type, String body, String source, String signature) {
    return client
        .post()
        .uri("/webhooks/broadcasts")
        .contentType(type)
        .header("X-Signalyard-Source", source)
        .header("X-Signalyard-Signature", signature)
        .bodyValue(body)
        .exchange();
  }
}
