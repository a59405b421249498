package dev.signalyard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.ingest.IngestApplication;
import dev.signalyard.queryapi.QueryApiApplication;
import dev.signalyard.streams.StreamsApplication;
import dev.signalyard.testsupport.KafkaTestBroker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The walking skeleton over a real broker, each service in its own Spring context as in production:
 * a RockBLOCK form post to ingest comes out of query-api, by key and on the SSE stream, after
 * streams decoded and materialized it.
 */
class WalkingSkeletonTest {

  private static final List<ConfigurableApplicationContext> services = new ArrayList<>();
  private static final HttpClient http = HttpClient.newHttpClient();
  private static int ingestPort;
  private static int queryPort;

  @TempDir static Path stateDir;

  @BeforeAll
  static void startServices() {
    String kafka =
        "--signalyard.kafka.bootstrap-servers=" + KafkaTestBroker.shared().bootstrapServers();
    ingestPort = start(IngestApplication.application(), kafka);
    start(
        StreamsApplication.application(),
        kafka,
        "--signalyard.streams.application-id=skeleton-" + UUID.randomUUID(),
        "--signalyard.streams.state-dir=" + stateDir);
    queryPort = start(QueryApiApplication.application(), kafka);
  }

  @AfterAll
  static void stopServices() {
    for (int i = services.size() - 1; i >= 0; i--) {
      services.get(i).close();
    }
  }

  @Test
  void aWebhookPostIsServedByKeyAndPushedOnTheStream() throws Exception {
    String imei = "30023401" + (1_000_000 + (int) (Math.random() * 8_999_999));
    CompletableFuture<String> firstEventForDevice = readStreamUntil(imei);

    HttpResponse<String> posted = postReport(imei, 41);
    assertThat(posted.statusCode()).isEqualTo(200);
    assertThat(posted.body()).isEmpty();

    String event = firstEventForDevice.get(60, TimeUnit.SECONDS);
    assertThat(event).contains("\"momsn\":41").contains("\"source\":\"IRIDIUM\"");

    HttpResponse<String> device =
        http.send(
            HttpRequest.newBuilder(URI.create(query("/api/devices/" + imei))).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(device.statusCode()).isEqualTo(200);
    assertThat(device.body())
        .contains("\"imei\":\"" + imei + "\"")
        .contains("\"payloadText\":\"PK001;lat:3648.0000,NS:N\"")
        .contains("\"accuracyKm\":5.0");
  }

  @Test
  void aMalformedPostIsRefusedAndNeverServed() throws Exception {
    HttpResponse<String> posted =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + ingestPort + "/webhooks/rockblock"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("imei=300234010000001&momsn=x"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(posted.statusCode()).isEqualTo(400);
    assertThat(posted.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(posted.body()).contains("\"field\":\"momsn\"");
  }

  private static HttpResponse<String> postReport(String imei, int momsn) throws Exception {
    String payloadHex =
        java.util.HexFormat.of()
            .formatHex("PK001;lat:3648.0000,NS:N".getBytes(StandardCharsets.US_ASCII));
    String form =
        "imei="
            + imei
            + "&device_type=ROCKBLOCK&serial=16949&momsn="
            + momsn
            + "&transmit_time=26-11-22%2011%3A00%3A00&iridium_latitude=36.8"
            + "&iridium_longitude=-122.0&iridium_cep=5.0&data="
            + payloadHex;
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingestPort + "/webhooks/rockblock"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Opens the SSE stream and completes with the first data line that mentions {@code imei}. */
  private static CompletableFuture<String> readStreamUntil(String imei) throws Exception {
    HttpResponse<java.io.InputStream> response =
        http.send(
            HttpRequest.newBuilder(URI.create(query("/api/devices/stream")))
                .header("Accept", "text/event-stream")
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    return CompletableFuture.supplyAsync(
        () -> {
          try (BufferedReader reader =
              new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
              if (line.startsWith("data:") && line.contains(imei)) {
                return line;
              }
            }
            throw new IllegalStateException("stream ended before an event for " + imei);
          } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private static String query(String path) {
    return "http://127.0.0.1:" + queryPort + path;
  }

  private static int start(SpringApplication application, String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--server.port=0";
    all[args.length + 1] = "--spring.main.banner-mode=off";
    ConfigurableApplicationContext context = application.run(all);
    services.add(context);
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }
}
