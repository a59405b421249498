package dev.signalyard.queryapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.testsupport.KafkaTestBroker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Actuator exposes only health and Prometheus metrics; with a management port of its own they
 * answer there and not on the API port.
 */
class ManagementPortTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String[] HIDDEN = {
    "/actuator/env", "/actuator/beans", "/actuator/configprops", "/actuator/metrics",
    "/actuator/info", "/actuator/loggers", "/actuator/heapdump", "/actuator/threaddump",
    "/actuator/mappings", "/actuator/shutdown"
  };

  @Test
  void aSeparateManagementPortServesHealthAndMetricsAndNothingElse() throws Exception {
    try (ConfigurableApplicationContext context = start("--management.server.port=0")) {
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
  void withoutAManagementPortOnlyHealthAndMetricsAreExposed() throws Exception {
    try (ConfigurableApplicationContext context = start()) {
      int api = ((WebServerApplicationContext) context).getWebServer().getPort();
      assertThat(status(api, "/actuator/health")).isEqualTo(200);
      assertThat(status(api, "/actuator/prometheus")).isEqualTo(200);
      for (String path : HIDDEN) {
        assertThat(status(api, path)).as(path).isEqualTo(404);
      }
    }
  }

  private static ConfigurableApplicationContext start(String... more) {
    String[] args = new String[more.length + 4];
    args[0] = "--server.port=0";
    args[1] = "--spring.main.banner-mode=off";
    args[2] = "--signalyard.kafka.bootstrap-servers=" + KafkaTestBroker.shared().bootstrapServers();
    args[3] = "--signalyard.query.stores.enabled=false";
    System.arraycopy(more, 0, args, 4, more.length);
    return OwnNettyResources.isolated(QueryApiApplication.application()).run(args);
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
