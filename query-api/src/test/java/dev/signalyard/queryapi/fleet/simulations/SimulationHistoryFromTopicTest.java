package dev.signalyard.queryapi.fleet.simulations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.queryapi.QueryApiApplication;
import dev.signalyard.schemas.fleet.SimulationCommand;
import dev.signalyard.testsupport.KafkaTestBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Without the fleet database the history comes from the compacted simulation-results topic: paged,
 * newest request first, one kind per path.
 */
@SpringBootTest(
    classes = QueryApiApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
@SuppressWarnings("unchecked")
class SimulationHistoryFromTopicTest {

  private static final ParameterizedTypeReference<Map<String, Object>> JSON =
      new ParameterizedTypeReference<>() {};

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add(
        "signalyard.kafka.bootstrap-servers", () -> KafkaTestBroker.shared().bootstrapServers());
  }

  @Autowired WebTestClient client;

  @Test
  void pagesTheFinishedRunsOfAKindNewestFirst() throws Exception {
    String older = finished("FAILED");
    String newer = finished("DONE");

    Map<String, Object> first = awaitPageWith(newer, older);

    assertThat(first.get("source")).isEqualTo("topic");
    List<Map<String, Object>> items = (List<Map<String, Object>>) first.get("items");
    List<Object> ids = items.stream().map(i -> i.get("id")).toList();
    assertThat(ids.indexOf(newer)).isLessThan(ids.indexOf(older));
    Map<String, Object> failed = items.get(ids.indexOf(older));
    assertThat(failed.get("status")).isEqualTo("FAILED");
    assertThat(failed.get("error")).isEqualTo("simulatedFleet[0].vehicleId: vehicle 2 is unknown");
    long total = ((Number) first.get("total")).longValue();

    Map<String, Object> single = get("/api/fleet/simulations?page=" + (total - 1) + "&size=1");
    assertThat((List<Object>) single.get("items")).hasSize(1);
    assertThat((List<Object>) get("/api/fleet/goal-seeks?page=0&size=200").get("items"))
        .noneMatch(i -> List.of(newer, older).contains(((Map<String, Object>) i).get("id")));
    client
        .get()
        .uri("/api/fleet/simulations?size=0")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("size");
  }

  private String finished(String status) throws InterruptedException {
    String id =
        (String)
            client
                .post()
                .uri("/api/fleet/simulations")
                .bodyValue(SimulationRunApiTest.REQUEST)
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody()
                .get("id");
    SimulationCommand command = RunTopics.commands(id).get(0);
    RunTopics.result(
        command,
        status,
        status.equals("DONE") ? RunTopics.outcomeJson() : null,
        status.equals("FAILED") ? "simulatedFleet[0].vehicleId: vehicle 2 is unknown" : null);
    return id;
  }

  private Map<String, Object> awaitPageWith(String... ids) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      Map<String, Object> page = get("/api/fleet/simulations?page=0&size=200");
      List<Object> seen =
          ((List<Map<String, Object>>) page.get("items")).stream().map(i -> i.get("id")).toList();
      if (seen.containsAll(List.of(ids))) {
        return page;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("runs never entered the history");
  }

  private Map<String, Object> get(String uri) {
    return client
        .get()
        .uri(uri)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(JSON)
        .returnResult()
        .getResponseBody();
  }
}
