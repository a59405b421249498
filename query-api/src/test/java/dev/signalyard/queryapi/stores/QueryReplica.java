package dev.signalyard.queryapi.stores;

import dev.signalyard.queryapi.OwnNettyResources;
import dev.signalyard.queryapi.QueryApiApplication;
import dev.signalyard.testsupport.KafkaTestBroker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One query-api replica of a test deployment: a whole application context on a random port, in the
 * group {@code applicationId}, keeping its store under {@code stateDir} so a restart finds it.
 */
final class QueryReplica implements AutoCloseable {

  static final String TOKEN = "replicas-only-7f3a";

  private static final HttpClient HTTP = client();

  private final String applicationId;
  private final Path stateDir;
  private final Map<String, String> extra;
  private volatile ConfigurableApplicationContext context;

  QueryReplica(String applicationId, Path stateDir, Map<String, String> extra) {
    this.applicationId = applicationId;
    this.stateDir = stateDir;
    this.extra = extra;
  }

  QueryReplica start() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("server.port", "0");
    properties.put("spring.main.banner-mode", "off");
    properties.put(
        "signalyard.kafka.bootstrap-servers", KafkaTestBroker.shared().bootstrapServers());
    properties.put("signalyard.query.stores.enabled", "true");
    properties.put("signalyard.query.stores.application-id", applicationId);
    properties.put("signalyard.query.stores.advertised-host", "127.0.0.1");
    properties.put("signalyard.query.stores.state-dir", stateDir.toString());
    properties.put("signalyard.query.stores.internal-token", TOKEN);
    // The test client and the forwarded lookups all come from 127.0.0.1, one rate-limit bucket.
    properties.put("signalyard.query.rate-limit.enabled", "false");
    properties.putAll(extra);
    List<String> args = new ArrayList<>();
    properties.forEach((k, v) -> args.add("--" + k + "=" + v));
    context =
        OwnNettyResources.isolated(QueryApiApplication.application())
            .run(args.toArray(String[]::new));
    return this;
  }

  int port() {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  StoreReplica store() {
    return context.getBean(StoreReplica.class);
  }

  ConfigurableApplicationContext context() {
    return context;
  }

  HttpResponse<String> get(String pathAndQuery) {
    return get(pathAndQuery, Map.of());
  }

  /**
   * A GET on a connection of its own: the JDK client sometimes stalls (until the request timeout)
   * on a kept-alive connection, for example on the next request after a 401 without a challenge.
   */
  HttpResponse<String> getRefused(String pathAndQuery, Map<String, String> headers) {
    return get(client(), pathAndQuery, headers);
  }

  HttpResponse<String> get(String pathAndQuery, Map<String, String> headers) {
    return get(HTTP, pathAndQuery, headers);
  }

  private static HttpClient client() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  private HttpResponse<String> get(
      HttpClient http, String pathAndQuery, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + pathAndQuery))
            .timeout(Duration.ofSeconds(10));
    headers.forEach(request::header);
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("GET " + pathAndQuery + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    ConfigurableApplicationContext running = context;
    if (running != null) {
      context = null;
      running.close();
    }
  }
}
