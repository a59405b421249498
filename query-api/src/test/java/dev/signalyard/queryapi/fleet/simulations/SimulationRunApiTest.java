package dev.signalyard.queryapi.fleet.simulations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.queryapi.QueryApiApplication;
import dev.signalyard.schemas.fleet.SimulationAction;
import dev.signalyard.schemas.fleet.SimulationCommand;
import dev.signalyard.schemas.fleet.SimulationKind;
import dev.signalyard.schemas.fleet.SimulationStatus;
import dev.signalyard.testsupport.KafkaTestBroker;
import dev.signalyard.testsupport.PostgresTestServer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/**
 * The run endpoints over the real broker and PostgreSQL, with the test standing in for the streams
 * service on the simulation topics (it reads the commands and publishes progress and results as the
 * simulation processor does): requesting, validation, status, SSE, cancelling, exports, history.
 */
@SpringBootTest(
    classes = QueryApiApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
@SuppressWarnings("unchecked")
class SimulationRunApiTest {

  private static final String DB = PostgresTestServer.shared().createDatabase("simulation_runs");
  private static final ParameterizedTypeReference<Map<String, Object>> JSON =
      new ParameterizedTypeReference<>() {};

  static final Map<String, Object> REQUEST =
      Map.of(
          "from",
          "2026-01-01",
          "to",
          "2026-01-31",
          "locationIds",
          List.of(1),
          "simulatedFleet",
          List.of(Map.of("vehicleId", 2, "count", 1)),
          "intelligentAllocation",
          false,
          "limitKm",
          true,
          "settings",
          Map.of("sub_time", 10));

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add(
        "signalyard.kafka.bootstrap-servers", () -> KafkaTestBroker.shared().bootstrapServers());
    registry.add("signalyard.fleet.database.url", () -> PostgresTestServer.shared().r2dbcUrl(DB));
    registry.add("signalyard.fleet.database.username", PostgresTestServer.shared()::username);
    registry.add("signalyard.fleet.database.password", PostgresTestServer.shared()::password);
  }

  @Autowired WebTestClient client;

  @Test
  void acceptsARunWithLocationAndProducesItsCommand() throws Exception {
    EntityExchangeResult<Map<String, Object>> response = accepted("simulations", REQUEST);
    String id = (String) response.getResponseBody().get("id");
    assertThat(response.getResponseHeaders().getLocation())
        .hasToString("/api/fleet/simulations/" + id);

    List<SimulationCommand> commands = RunTopics.commands(id);

    assertThat(commands).hasSize(1);
    SimulationCommand command = commands.get(0);
    assertThat(command.getKind()).isEqualTo(SimulationKind.SIMULATION);
    assertThat(command.getAction()).isEqualTo(SimulationAction.RUN);
    assertThat(command.getRequestJson()).contains("\"limitKm\":true").contains("\"sub_time\":10");
  }

  @Test
  void rejectsABadRequestNamingEveryField() {
    List<Object> fields =
        rejectedFields(
            "simulations",
            Map.of(
                "from",
                "2026-02-30",
                "to",
                "2026-01-31",
                "simulatedFleet",
                List.of(Map.of("vehicleId", 2, "count", -1)),
                "settings",
                Map.of("no_such_setting", "1", "percentage_of_trips", "150")));

    assertThat(fields)
        .containsExactlyInAnyOrder(
            "from",
            "locationIds",
            "simulatedFleet[0].count",
            "settings.no_such_setting",
            "settings.percentage_of_trips");
  }

  @Test
  void rejectsABadGoalSeekNamingEveryField() {
    List<Object> fields =
        rejectedFields(
            "goal-seeks",
            Map.of(
                "from",
                "2026-01-01",
                "to",
                "2026-01-31",
                "testVehicleIds",
                List.of(2, "three"),
                "prioritisation",
                11,
                "limitKm",
                "yes",
                "settings",
                Map.of("no_such_setting", "1")));

    assertThat(fields)
        .containsExactlyInAnyOrder(
            "locationIds",
            "testVehicleIds[1]",
            "prioritisation",
            "limitKm",
            "settings.no_such_setting");
  }

  @Test
  void showsTheRunFromQueuedToDoneAndExportsIt() throws Exception {
    String id = start("simulations");
    SimulationCommand command = RunTopics.commands(id).get(0);
    assertThat(awaitStatus("simulations", id, "QUEUED").get("request")).isEqualTo(REQUEST);

    RunTopics.progress(id, "SIMULATION", SimulationStatus.RUNNING, 0.4, 0);
    Map<String, Object> running = awaitStatus("simulations", id, "RUNNING");
    assertThat(running.get("fraction")).isEqualTo(0.4);

    RunTopics.result(command, "DONE", RunTopics.outcomeJson(), null);
    Map<String, Object> done = awaitStatus("simulations", id, "DONE");
    Map<String, Object> result = (Map<String, Object>) done.get("result");
    assertThat(result.get("numberOfTrips")).isEqualTo(3);
    assertThat(done.get("fraction")).isEqualTo(1.0);

    EntityExchangeResult<byte[]> csvExport = export(id, "format=csv&part=driving-book");
    assertThat(csvExport.getResponseHeaders().getContentType())
        .matches(type -> type.isCompatibleWith(MediaType.parseMediaType("text/csv")));
    String csv = new String(csvExport.getResponseBody(), StandardCharsets.UTF_8);
    assertThat(csv.split("\r\n")).hasSize(4);
    assertThat(csv).startsWith("trip_id,start_time").contains("Renault Zoe (AB12342)");
    byte[] xlsx = export(id, "format=xlsx").getResponseBody();
    assertThat(new String(xlsx, 0, 2, StandardCharsets.ISO_8859_1)).isEqualTo("PK");

    client.delete().uri("/api/fleet/simulations/" + id).exchange().expectStatus().isEqualTo(409);
  }

  @Test
  void streamsProgressThenTheResultAndCompletes() throws Exception {
    String id = start("simulations");
    SimulationCommand command = RunTopics.commands(id).get(0);
    RunTopics.progress(id, "SIMULATION", SimulationStatus.QUEUED, 0, 1);

    Flux<ServerSentEvent<Map<String, Object>>> events =
        client
            .get()
            .uri("/api/fleet/simulations/" + id + "/stream")
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {})
            .getResponseBody()
            .filter(e -> e.event() != null);
    Thread publisher =
        new Thread(
            () -> {
              awaitStatusQuietly(id, "QUEUED");
              RunTopics.progress(id, "SIMULATION", SimulationStatus.RUNNING, 0.5, 0);
              RunTopics.progress(id, "SIMULATION", SimulationStatus.DONE, 1, 0);
              RunTopics.result(command, "DONE", RunTopics.outcomeJson(), null);
            });
    publisher.start();

    List<ServerSentEvent<Map<String, Object>>> received =
        events.collectList().block(Duration.ofSeconds(30));
    publisher.join();

    assertThat(received).isNotEmpty();
    assertThat(received.get(0).event()).isEqualTo("progress");
    assertThat(received.get(0).data().get("status")).isEqualTo("QUEUED");
    assertThat(received.get(0).data().get("queuePosition")).isEqualTo(1);
    ServerSentEvent<Map<String, Object>> last = received.get(received.size() - 1);
    assertThat(last.event()).isEqualTo("result");
    assertThat(last.data().get("status")).isEqualTo("DONE");
    assertThat(((Map<String, Object>) last.data().get("result")).get("numberOfTrips")).isEqualTo(3);
    assertThat(received)
        .extracting(ServerSentEvent::event)
        .containsOnly("progress", "result")
        .containsOnlyOnce("result");
  }

  @Test
  void cancelProducesACancelCommandAndTheCancelledRunEntersTheHistory() throws Exception {
    String id = start("simulations");
    SimulationCommand run = RunTopics.commands(id).get(0);
    awaitStatus("simulations", id, "QUEUED");

    client.delete().uri("/api/fleet/simulations/" + id).exchange().expectStatus().isAccepted();

    List<SimulationCommand> commands = RunTopics.commands(id);
    assertThat(commands)
        .extracting(SimulationCommand::getAction)
        .containsExactly(SimulationAction.RUN, SimulationAction.CANCEL);
    assertThat(commands.get(1).getRequestJson()).isEqualTo(run.getRequestJson());

    RunTopics.result(run, "CANCELLED", null, null);
    awaitStatus("simulations", id, "CANCELLED");
    Map<String, Object> page = awaitInHistory(id);
    assertThat(page.get("source")).isEqualTo("database");
    Map<String, Object> item =
        ((List<Map<String, Object>>) page.get("items"))
            .stream().filter(i -> id.equals(i.get("id"))).findFirst().orElseThrow();
    assertThat(item.get("status")).isEqualTo("CANCELLED");
    assertThat(((Map<String, Object>) item.get("request")).get("to")).isEqualTo("2026-01-31");
    assertThat(historyRows(id)).isEqualTo(1);
  }

  @Test
  void goalSeeksShareTheMachineryUnderTheirOwnPath() throws Exception {
    EntityExchangeResult<Map<String, Object>> response =
        accepted(
            "goal-seeks",
            Map.of(
                "from",
                "2026-01-01",
                "to",
                "2026-01-31",
                "locationIds",
                List.of(1),
                "prioritisation",
                5));
    String id = (String) response.getResponseBody().get("id");
    assertThat(response.getResponseHeaders().getLocation())
        .hasToString("/api/fleet/goal-seeks/" + id);
    assertThat(RunTopics.commands(id).get(0).getKind()).isEqualTo(SimulationKind.GOAL_SEEK);
    awaitStatus("goal-seeks", id, "QUEUED");

    client.get().uri("/api/fleet/simulations/" + id).exchange().expectStatus().isNotFound();
    client.get().uri("/api/fleet/goal-seeks/no-such-run").exchange().expectStatus().isNotFound();
    client.delete().uri("/api/fleet/goal-seeks/no-such-run").exchange().expectStatus().isNotFound();
    client
        .get()
        .uri("/api/fleet/goal-seeks/no-such-run/stream")
        .accept(MediaType.TEXT_EVENT_STREAM)
        .exchange()
        .expectStatus()
        .isNotFound();
  }

  /** Posts {@code body} to {@code /api/fleet/<runs>} and expects it accepted. */
  private EntityExchangeResult<Map<String, Object>> accepted(
      String runs, Map<String, Object> body) {
    return post(runs, body).expectStatus().isAccepted().expectBody(JSON).returnResult();
  }

  /** Posts {@code body} to {@code /api/fleet/<runs>}, expects 400 and returns the fields named. */
  private List<Object> rejectedFields(String runs, Map<String, Object> body) {
    Map<String, Object> problem =
        post(runs, body)
            .expectStatus()
            .isBadRequest()
            .expectBody(JSON)
            .returnResult()
            .getResponseBody();
    return ((List<Map<String, Object>>) problem.get("errors"))
        .stream().map(error -> error.get("field")).toList();
  }

  private WebTestClient.ResponseSpec post(String runs, Map<String, Object> body) {
    return client.post().uri("/api/fleet/" + runs).bodyValue(body).exchange();
  }

  /** Starts a run of {@link #REQUEST}; returns its id. */
  private String start(String runs) {
    return (String) accepted(runs, REQUEST).getResponseBody().get("id");
  }

  /** Downloads the simulation's result in the format {@code query} asks for; expects 200. */
  private EntityExchangeResult<byte[]> export(String id, String query) {
    return client
        .get()
        .uri("/api/fleet/simulations/" + id + "?" + query)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(byte[].class)
        .returnResult();
  }

  private Map<String, Object> awaitStatus(String runs, String id, String status)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Map<String, Object> run = null;
    while (System.nanoTime() < deadline) {
      run =
          client
              .get()
              .uri("/api/fleet/" + runs + "/" + id)
              .exchange()
              .expectBody(JSON)
              .returnResult()
              .getResponseBody();
      if (run != null && status.equals(run.get("status"))) {
        return run;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("run " + id + " did not reach " + status + "; last seen " + run);
  }

  private void awaitStatusQuietly(String id, String status) {
    try {
      awaitStatus("simulations", id, status);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Map<String, Object> awaitInHistory(String id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      Map<String, Object> page =
          client
              .get()
              .uri("/api/fleet/simulations?page=0&size=200")
              .exchange()
              .expectStatus()
              .isOk()
              .expectBody(JSON)
              .returnResult()
              .getResponseBody();
      if (((List<Map<String, Object>>) page.get("items"))
          .stream().anyMatch(i -> id.equals(i.get("id")))) {
        return page;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("run " + id + " never entered the history");
  }

  private static long historyRows(String id) throws Exception {
    try (Connection connection =
            DriverManager.getConnection(
                PostgresTestServer.shared().jdbcUrl(DB),
                PostgresTestServer.shared().username(),
                PostgresTestServer.shared().password());
        var statement =
            connection.prepareStatement("SELECT count(*) FROM simulation_history WHERE id = ?")) {
      statement.setString(1, id);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }
}
