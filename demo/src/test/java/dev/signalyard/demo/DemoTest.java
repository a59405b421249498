package dev.signalyard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo runtime as the README's first command starts it, with random ports and a fast feed. */
class DemoTest {

  @Test
  void feedsDevicesThatTheApiServesAndLeavesNothingBehind() throws Exception {
    DemoSettings settings =
        DemoSettings.from(
            Map.of(
                "SIGNALYARD_DEMO_QUERY_API_PORT", "0",
                "SIGNALYARD_DEMO_INGEST_PORT", "0",
                "SIGNALYARD_DEMO_STREAMS_PORT", "0",
                "SIGNALYARD_DEMO_DEVICES", "3",
                "SIGNALYARD_DEMO_FEED_INTERVAL", "200ms"));
    Path workDir;
    try (Demo demo = Demo.start(settings)) {
      workDir = demo.workDir();
      assertThat(demo.banner()).contains("curl -N http://localhost:" + demo.queryApiPort());
      // Health is printed, and answers, on the management port; the API port does not serve it.
      String health = "http://localhost:" + demo.queryApiManagementPort() + "/actuator/health";
      assertThat(demo.banner()).contains(health);

      HttpClient http = HttpClient.newHttpClient();
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      String devices = "";
      while (System.nanoTime() < deadline && countImeis(devices) < 3) {
        devices =
            http.send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + demo.queryApiPort() + "/api/devices"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        Thread.sleep(250);
      }
      assertThat(countImeis(devices)).as(devices).isEqualTo(3);
      assertThat(devices).contains("\"payloadText\":\"PK001;lat:");
      assertThat(demo.feedAccepted()).isGreaterThanOrEqualTo(3);

      // The broadcast feed's first drunc message, raw protobuf through the bridge and streams.
      String broadcasts = "";
      URI sessionFeed =
          URI.create(
              "http://127.0.0.1:"
                  + demo.queryApiPort()
                  + "/api/broadcasts?session="
                  + DemoBroadcastFeed.SESSION);
      while (System.nanoTime() < deadline && !broadcasts.contains("SERVER_READY")) {
        broadcasts =
            http.send(
                    HttpRequest.newBuilder(sessionFeed).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        Thread.sleep(250);
      }
      assertThat(broadcasts)
          .contains("\"text\":\"Process manager ready on np04-srv-024:10054\"")
          .contains("\"type\":\"SERVER_READY\"")
          .contains("\"source\":\"process_manager\"");
      assertThat(demo.broadcastsPublished()).isPositive();
      assertThat(status(http, health)).isEqualTo(200);
      assertThat(status(http, "http://localhost:" + demo.queryApiPort() + "/actuator/health"))
          .isEqualTo(404);
      assertThat(Files.exists(workDir)).isTrue();
    }
    assertThat(Files.exists(workDir)).as("work dir deleted on close").isFalse();
  }

  @Test
  void rejectsAnInvalidPortSetting() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> DemoSettings.from(Map.of("SIGNALYARD_DEMO_INGEST_PORT", "70000")))
        .hasMessageContaining("SIGNALYARD_DEMO_INGEST_PORT");
  }

  @Test
  void readsDurationsInTheDocumentedForms() {
    assertThat(DemoSettings.duration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(DemoSettings.duration("2s")).isEqualTo(Duration.ofSeconds(2));
    assertThat(DemoSettings.duration("1.5s")).isEqualTo(Duration.ofMillis(1500));
  }

  private static int status(HttpClient http, String url) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static int countImeis(String json) {
    return json.split("\"imei\"", -1).length - 1;
  }
}
