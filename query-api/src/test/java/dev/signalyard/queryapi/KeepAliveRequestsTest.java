package dev.signalyard.queryapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

/**
 * Guards the Reactor Netty version the services run on. Over one HTTP/1.1 keep-alive connection, a
 * response finished on another thread (as ours are when R2DBC or a Kafka acknowledgement completes
 * them) followed by requests answered on the spot: Reactor Netty 1.3.6 (Boot 4.1.0's) then stopped
 * reading the connection after some 25 rounds (reactor-netty #4347), and the next request waited
 * unread until the client gave up, with nothing logged. Query-api tests stalled for 30 s that way.
 * Every request must be answered.
 */
class KeepAliveRequestsTest {

  private static final int ROUNDS = 1_000;

  @Test
  void everyRequestOnAKeepAliveConnectionIsAnswered() {
    HttpHandler handler =
        (request, response) -> {
          Mono<Void> body =
              response.writeWith(
                  Mono.fromSupplier(
                      () -> response.bufferFactory().wrap("ok".getBytes(StandardCharsets.UTF_8))));
          return request.getPath().value().equals("/elsewhere")
              ? body.subscribeOn(Schedulers.boundedElastic())
              : body;
        };
    DisposableServer server =
        HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .handle(new ReactorHttpHandlerAdapter(handler))
            .bindNow();
    ConnectionProvider oneConnection = ConnectionProvider.create("one-connection", 1);
    HttpClient client =
        HttpClient.create(oneConnection).baseUrl("http://127.0.0.1:" + server.port());
    List<String> stalled = new ArrayList<>();
    try {
      for (int round = 0; round < ROUNDS && stalled.isEmpty(); round++) {
        for (String path : new String[] {"/elsewhere", "/here", "/here"}) {
          String answer =
              client
                  .get()
                  .uri(path)
                  .responseContent()
                  .aggregate()
                  .asString()
                  .timeout(Duration.ofSeconds(5), Mono.just("no answer"))
                  .block();
          if (!"ok".equals(answer)) {
            stalled.add("round " + round + ", " + path + ": " + answer);
          }
        }
      }
    } finally {
      oneConnection.disposeLater().block(Duration.ofSeconds(5));
      server.disposeNow();
    }
    assertThat(stalled).isEmpty();
  }
}
