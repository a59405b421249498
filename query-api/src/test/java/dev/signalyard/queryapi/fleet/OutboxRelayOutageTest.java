package dev.signalyard.queryapi.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.queryapi.QueryApiApplication;
import dev.signalyard.schemas.fleet.FleetLocation;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import dev.signalyard.testsupport.KafkaBrokerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Changes made while the broker is down (killed with SIGKILL) stay in the outbox and are all
 * published, none lost, once it is back.
 */
@SpringBootTest(
    classes = QueryApiApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "signalyard.fleet.outbox.poll-interval=100ms",
      "signalyard.fleet.outbox.ack-timeout=2s"
    })
@AutoConfigureWebTestClient(timeout = "30s")
class OutboxRelayOutageTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final KafkaBrokerProcess BROKER = KafkaBrokerProcess.start();
  private static final FleetDatabase DB = FleetDatabase.create("fleet_outage");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("signalyard.kafka.bootstrap-servers", BROKER::bootstrapServers);
    registry.add("signalyard.fleet.database.url", DB::r2dbcUrl);
    registry.add("signalyard.fleet.database.username", DB::username);
    registry.add("signalyard.fleet.database.password", DB::password);
  }

  @AfterAll
  static void stopBroker() {
    BROKER.close();
  }

  @Autowired WebTestClient client;

  @Test
  void publishesEveryChangeMadeDuringABrokerOutageOnceTheBrokerIsBack() throws Exception {
    awaitUnpublished(0);

    BROKER.killHard();
    List<Long> ids = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      Map<String, Object> created =
          client
              .post()
              .uri("/api/fleet/locations")
              .bodyValue(Map.of("address", "Nedbrudsvej " + i, "latitude", 55.4, "longitude", 10.4))
              .exchange()
              .expectStatus()
              .isCreated()
              .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
              .returnResult()
              .getResponseBody();
      ids.add(((Number) created.get("id")).longValue());
    }
    assertThat(DB.number("SELECT count(*) FROM outbox WHERE published_at IS NULL")).isEqualTo(3);

    BROKER.restart();
    awaitUnpublished(0);

    AvroSerde<FleetLocation> serde = AvroSerde.of(FleetLocation.class);
    for (int i = 0; i < ids.size(); i++) {
      String address = "Nedbrudsvej " + (i + 1);
      FleetLocation published =
          ReferenceTopic.await(
              BROKER.bootstrapServers(),
              TopicCatalog.FLEET_LOCATIONS.name(),
              Long.toString(ids.get(i)),
              serde::decode,
              location -> true);
      assertThat(published.getAddress()).isEqualTo(address);
    }
  }

  private static void awaitUnpublished(long expected) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    long unpublished = -1;
    while (System.nanoTime() < deadline) {
      unpublished = DB.number("SELECT count(*) FROM outbox WHERE published_at IS NULL");
      if (unpublished == expected) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(unpublished + " outbox rows still unpublished");
  }
}
