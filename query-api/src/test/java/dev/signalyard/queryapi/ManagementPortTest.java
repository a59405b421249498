package dev.signalyard.queryapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.testsupport.KafkaTestBroker;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Actuator exposes only health and Prometheus metrics, by default on a management port of its own
 * and not on the API port; an operator may put them on the API port instead.
 */
class ManagementPortTest {

  // HTTP/1.1 as the servers speak it: the JDK client's default (HTTP/2, asking to upgrade on every
  // new plain connection) once stalled a request on a reused connection until its timeout.
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final String[] HIDDEN = {
    "/actuator/env", "/actuator/beans", "/actuator/configprops", "/actuator/metrics",
    "/actuator/info", "/actuator/loggers", "/actuator/heapdump", "/actuator/threaddump",
    "/actuator/mappings", "/actuator/shutdown"
  };

  @Test
  void byDefaultAManagementPortOfItsOwnServesHealthAndMetricsAndNothingElse() throws Exception {
    // No management port given: the default applies (random here, beside the random API port).
    try (ConfigurableApplicationContext context = start()) {
      int api = ((WebServerApplicationContext) context).getWebServer().getPort();
      int management =
          Integer.parseInt(context.getEnvironment().getRequiredProperty("local.management.port"));
      assertThat(management).isNotEqualTo(api);

      assertThat(status(management, "/actuator/health")).isEqualTo(200);
      assertThat(status(management, "/actuator/health/readiness")).isEqualTo(200);
      HttpResponse<String> metrics = get(management, "/actuator/prometheus");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("jvm_memory_used_bytes");

      assertThat(status(api, "/actuator/health")).isEqualTo(404);
      assertThat(status(api, "/actuator/prometheus")).isEqualTo(404);
      assertThat(status(api, "/api/devices")).isEqualTo(200);
      for (String path : HIDDEN) {
        assertThat(status(management, path)).as(path).isEqualTo(404);
        assertThat(status(api, path)).as(path).isEqualTo(404);
      }
      assertThat(get(management, "/actuator").body())
          .contains("/actuator/health", "/actuator/prometheus")
          .doesNotContain("/actuator/env", "/actuator/beans", "/actuator/metrics");
    }
  }

  @Test
  void onTheApiPortWhenTheOperatorSaysSoOnlyHealthAndMetricsAreExposed() throws Exception {
    int port = freePort();
    try (ConfigurableApplicationContext context =
        start(Map.of("server.port", "" + port, "management.server.port", "" + port))) {
      int api = ((WebServerApplicationContext) context).getWebServer().getPort();
      assertThat(api).isEqualTo(port);
      assertThat(context.getEnvironment().getProperty("local.management.port"))
          .isEqualTo(Integer.toString(port));
      assertThat(status(api, "/actuator/health")).isEqualTo(200);
      assertThat(status(api, "/actuator/prometheus")).isEqualTo(200);
      for (String path : HIDDEN) {
        assertThat(status(api, path)).as(path).isEqualTo(404);
      }
    }
  }

  private static ConfigurableApplicationContext start() {
    return start(Map.of());
  }

  /** query-api on a random port, with {@code more} properties overriding that. */
  private static ConfigurableApplicationContext start(Map<String, String> more) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("server.port", "0");
    properties.put("spring.main.banner-mode", "off");
    properties.put(
        "signalyard.kafka.bootstrap-servers", KafkaTestBroker.shared().bootstrapServers());
    properties.put("signalyard.query.stores.enabled", "false");
    properties.putAll(more);
    String[] args =
        properties.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    return OwnNettyResources.isolated(QueryApiApplication.application()).run(args);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static int status(int port, String path) throws IOException, InterruptedException {
    return get(port, path).statusCode();
  }

  private static HttpResponse<String> get(int port, String path)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
