package dev.signalyard.queryapi.stores;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.testsupport.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two query-api replicas in one group on a real broker: each answers every key (from its own store
 * or forwarded to the owner), lists gather both, and a replica restarting under a querying client
 * causes no error and no wrong answer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QueriesAcrossReplicasTest {

  private static final int DEVICES = 36;
  private static final String SERVED_BY = "X-Signalyard-Served-By";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final String PREFIX =
      "35" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
  private static final List<String> IMEIS = new ArrayList<>();

  private static final AtomicInteger stalls = new AtomicInteger();

  private static Path stateRoot;
  private static QueryReplica first;
  private static QueryReplica second;

  @BeforeAll
  static void startTwoReplicas() throws Exception {
    stateRoot = Files.createTempDirectory("queries-across-replicas-");
    String applicationId = "signalyard-query-api-test-" + UUID.randomUUID();
    first = new QueryReplica(applicationId, stateRoot.resolve("a"), Map.of()).start();
    second = new QueryReplica(applicationId, stateRoot.resolve("b"), Map.of()).start();
    for (int i = 0; i < DEVICES; i++) {
      IMEIS.add(PREFIX + String.format("%05d", i));
    }
    KnownDeviceStates.publish(IMEIS);
    await(() -> everyKeyFromTheStore(first) && everyKeyFromTheStore(second));
  }

  @AfterAll
  static void stop() throws IOException {
    if (second != null) {
      second.close();
    }
    if (first != null) {
      first.close();
    }
    FileSystemUtils.deleteRecursively(stateRoot);
  }

  @Test
  @Order(1)
  void everyKeyIsAnsweredByBothReplicasFromItsOwner() {
    String firstInstance = "127.0.0.1:" + first.port();
    String secondInstance = "127.0.0.1:" + second.port();
    int ownedByFirst = 0;
    int ownedBySecond = 0;
    for (String imei : IMEIS) {
      HttpResponse<String> fromFirst = first.get("/api/devices/" + imei);
      HttpResponse<String> fromSecond = second.get("/api/devices/" + imei);
      assertThat(fromFirst.statusCode()).isEqualTo(200);
      assertThat(fromSecond.statusCode()).isEqualTo(200);
      assertThat(momsn(fromFirst)).isEqualTo(KnownDeviceStates.expectedMomsn(imei));
      assertThat(momsn(fromSecond)).isEqualTo(KnownDeviceStates.expectedMomsn(imei));
      String a = servedBy(fromFirst);
      String b = servedBy(fromSecond);
      if (a.startsWith("local")) {
        ownedByFirst++;
        assertThat(a).isEqualTo("local " + firstInstance);
        assertThat(b).isEqualTo("forwarded " + firstInstance);
      } else {
        ownedBySecond++;
        assertThat(a).isEqualTo("forwarded " + secondInstance);
        assertThat(b).isEqualTo("local " + secondInstance);
      }
    }
    assertThat(ownedByFirst).isPositive();
    assertThat(ownedBySecond).isPositive();
    assertThat(first.get("/api/devices/" + PREFIX + "99999").statusCode()).isEqualTo(404);
    assertThat(second.get("/api/devices/" + PREFIX + "99999").statusCode()).isEqualTo(404);
  }

  @Test
  @Order(2)
  void aListGathersTheDevicesOfBothReplicas() {
    for (QueryReplica replica : List.of(first, second)) {
      JsonNode all = json(replica.get("/api/devices?size=500&q=" + PREFIX));
      assertThat(all.get("total").asLong()).isEqualTo(DEVICES);
      assertThat(imeis(all)).containsExactlyElementsOf(IMEIS);

      HttpResponse<String> page = replica.get("/api/devices?page=1&size=5&q=" + PREFIX);
      assertThat(servedBy(page)).isEqualTo("gathered 2");
      assertThat(imeis(json(page))).containsExactlyElementsOf(IMEIS.subList(5, 10));

      JsonNode offline = json(replica.get("/api/devices?size=500&online=false&q=" + PREFIX));
      List<String> expectedOffline =
          IMEIS.stream().filter(imei -> !KnownDeviceStates.expectedOnline(imei)).toList();
      assertThat(offline.get("total").asLong()).isEqualTo(expectedOffline.size());
      assertThat(imeis(offline)).containsExactlyElementsOf(expectedOffline);
    }
  }

  @Test
  @Order(3)
  void internalEndpointsNeedTheTokenAndAnswerFromActiveOrStandbyCopies() {
    String imei = ownedBy(second);
    String path = InternalStoreController.PATH + "/" + imei;
    Map<String, String> token = Map.of(InternalStoreController.TOKEN_HEADER, QueryReplica.TOKEN);

    assertThat(second.getRefused(path, Map.of()).statusCode()).isEqualTo(401);
    assertThat(
            second
                .getRefused(path, Map.of(InternalStoreController.TOKEN_HEADER, "guess"))
                .statusCode())
        .isEqualTo(401);
    assertThat(second.get(path, token).statusCode()).isEqualTo(200);
    // The first replica holds only a standby copy of that partition: it answers only when asked
    // for one.
    assertThat(first.get(path, token).statusCode()).isEqualTo(503);
    await(() -> first.get(path + "?standby=true", token).statusCode() == 200);
    assertThat(first.get(InternalStoreController.PATH + "?partitions=x", token).statusCode())
        .isEqualTo(400);
  }

  /**
   * The second replica's store restarts (its Kafka Streams client leaves the group, then rejoins
   * with the state it kept on disk) while a client queries every key on both replicas in a loop.
   * Its web server stays up: two Boot web servers in one JVM share Reactor Netty's event loops, and
   * closing a whole application would stop them for the other replica too.
   */
  @Test
  @Order(4)
  void restartingAReplicasStoreWhileAClientQueriesGivesNoErrorAndNoWrongAnswer() throws Exception {
    AtomicBoolean querying = new AtomicBoolean(true);
    AtomicInteger answers = new AtomicInteger();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    Map<String, AtomicInteger> paths = new ConcurrentHashMap<>();
    Thread client =
        new Thread(
            () -> {
              while (querying.get()) {
                for (String imei : IMEIS) {
                  for (QueryReplica replica : List.of(first, second)) {
                    check(replica, imei, answers, failures, paths);
                  }
                }
              }
            },
            "querying-client");
    client.start();

    int before = answers.get();
    await(() -> answers.get() > before + 2 * DEVICES);
    second.store().stop();
    int whileDown = answers.get();
    await(() -> answers.get() > whileDown + 4 * DEVICES);
    second.store().start();
    await(() -> everyKeyFromTheStore(second) && everyKeyFromTheStore(first));
    int afterRestart = answers.get();
    await(() -> answers.get() > afterRestart + 2 * DEVICES);
    querying.set(false);
    client.join(Duration.ofSeconds(30).toMillis());

    assertThat(failures).isEmpty();
    assertThat(stalls.get()).as("client stalls, each retried").isLessThan(answers.get() / 100 + 1);
    // While its store was down the second replica still answered, from its snapshot or through
    // the first replica; afterwards both answer from the store again.
    assertThat(paths.keySet()).contains("local", "forwarded");
    assertThat(paths.keySet()).containsAnyOf("standby", "snapshot");
  }

  private static void check(
      QueryReplica replica,
      String imei,
      AtomicInteger answers,
      ConcurrentLinkedQueue<String> failures,
      Map<String, AtomicInteger> paths) {
    HttpResponse<String> response;
    try {
      response = replica.get("/api/devices/" + imei);
    } catch (IllegalStateException stalled) {
      // The JDK client now and then stalls on a kept-alive connection (see getRefused); the
      // request is asked again on a fresh one and must then be answered correctly.
      stalls.incrementAndGet();
      try {
        response = replica.getRefused("/api/devices/" + imei, Map.of());
      } catch (IllegalStateException e) {
        failures.add(imei + ": " + e);
        return;
      }
    }
    answers.incrementAndGet();
    String path = servedBy(response).split(" ")[0];
    paths.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    if (response.statusCode() != 200) {
      failures.add(imei + ": " + response.statusCode() + " " + response.body());
    } else if (momsn(response) != KnownDeviceStates.expectedMomsn(imei)) {
      failures.add(imei + ": wrong momsn " + momsn(response));
    }
  }

  private static boolean everyKeyFromTheStore(QueryReplica replica) {
    for (String imei : IMEIS) {
      HttpResponse<String> response;
      try {
        response = replica.get("/api/devices/" + imei);
      } catch (IllegalStateException starting) {
        return false;
      }
      if (response.statusCode() != 200
          || momsn(response) != KnownDeviceStates.expectedMomsn(imei)
          || !(servedBy(response).startsWith("local")
              || servedBy(response).startsWith("forwarded"))) {
        return false;
      }
    }
    return true;
  }

  private static String ownedBy(QueryReplica replica) {
    return IMEIS.stream()
        .filter(imei -> servedBy(replica.get("/api/devices/" + imei)).startsWith("local"))
        .findFirst()
        .orElseThrow();
  }

  private static int momsn(HttpResponse<String> response) {
    return json(response).get("momsn").asInt();
  }

  private static String servedBy(HttpResponse<String> response) {
    return response.headers().firstValue(SERVED_BY).orElse("");
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (RuntimeException e) {
      throw new UncheckedIOException(new IOException("Not JSON: " + response.body(), e));
    }
  }

  private static List<String> imeis(JsonNode page) {
    List<String> imeis = new ArrayList<>();
    page.get("items").forEach(item -> imeis.add(item.get("imei").asString()));
    return imeis;
  }

  private static void await(BooleanSupplier condition) {
    Await.until(Duration.ofSeconds(45), condition);
  }
}
