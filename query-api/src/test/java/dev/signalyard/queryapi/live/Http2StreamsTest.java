package dev.signalyard.queryapi.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.queryapi.QueryApiApplication;
import dev.signalyard.testsupport.KafkaTestBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.Disposable;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * With {@code server.http2.enabled} the plain port also speaks cleartext HTTP/2 (h2c, prior
 * knowledge): server-sent event streams share connections, at most {@code
 * http2-max-concurrent-streams} on each, so many streams cost this node a few file descriptors.
 */
@SpringBootTest(
    classes = QueryApiApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "server.http2.enabled=true",
      "signalyard.query.live.http2-max-concurrent-streams=" + Http2StreamsTest.PER_CONNECTION,
      "signalyard.query.live.max-streams-per-principal=1000",
      "signalyard.query.rate-limit.enabled=false"
    })
class Http2StreamsTest {

  static final int PER_CONNECTION = 40;
  private static final int STREAMS = 100;

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add(
        "signalyard.kafka.bootstrap-servers", () -> KafkaTestBroker.shared().bootstrapServers());
  }

  @LocalServerPort int port;

  @Test
  void streamsShareH2cConnectionsUpToTheAdvertisedLimit() throws InterruptedException {
    ConnectionProvider pool =
        ConnectionProvider.builder("h2c-test")
            .maxConnections(10)
            .pendingAcquireMaxCount(-1)
            .build();
    HttpClient client =
        HttpClient.create(pool).protocol(HttpProtocol.H2C).responseTimeout(Duration.ofMinutes(1));
    Set<String> connections = ConcurrentHashMap.newKeySet();
    Set<String> versions = ConcurrentHashMap.newKeySet();
    List<Disposable> streams = new ArrayList<>();
    try {
      // One after the other, so that the client knows the server's limit before it decides
      // whether a new stream needs a new connection.
      for (int i = 0; i < STREAMS; i++) {
        CountDownLatch firstEvent = new CountDownLatch(1);
        streams.add(
            client
                .headers(h -> h.set("Accept", "text/event-stream"))
                .get()
                .uri("http://127.0.0.1:" + port + "/api/devices/stream")
                .responseConnection(
                    (response, connection) -> {
                      versions.add(response.version().text() + " " + response.status().code());
                      connections.add(connection.channel().parent().id().asLongText());
                      return connection
                          .inbound()
                          .receive()
                          .asString()
                          .doOnNext(chunk -> firstEvent.countDown());
                    })
                .then()
                // The stream stays open until disposed: it counts against its connection.
                .subscribe());
        assertThat(firstEvent.await(30, TimeUnit.SECONDS))
            .as("first event of stream %d", i)
            .isTrue();
      }
      assertThat(versions).containsExactly("HTTP/2.0 200");
      // 100 streams, at most 40 on a connection: three connections, not one hundred.
      assertThat(connections).hasSize(3);
    } finally {
      streams.forEach(Disposable::dispose);
      pool.disposeLater().block(Duration.ofSeconds(10));
    }
  }
}
