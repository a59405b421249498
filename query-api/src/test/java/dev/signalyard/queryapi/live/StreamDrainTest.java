package dev.signalyard.queryapi.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.queryapi.OwnNettyResources;
import dev.signalyard.queryapi.QueryApiApplication;
import dev.signalyard.testsupport.KafkaTestBroker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/**
 * Graceful drain: closing the application (as on SIGTERM) gives every open stream a final {@code
 * shutdown} event with a {@code retry:} hint, and the streams complete instead of breaking.
 */
class StreamDrainTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @Test
  void closingTheApplicationEndsEveryStreamWithAShutdownEvent() {
    ConfigurableApplicationContext context =
        OwnNettyResources.isolated(QueryApiApplication.application())
            .run(
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--signalyard.query.live.reconnect-delay=1500ms",
                "--signalyard.kafka.bootstrap-servers="
                    + KafkaTestBroker.shared().bootstrapServers());
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    WebClient web = WebClient.create("http://127.0.0.1:" + port);
    // Positions seen per stream: the id comes with the snapshot's last event, so the streams are
    // closed only once each client holds a position (the shared test topic may hold many devices).
    AtomicInteger positioned = new AtomicInteger();
    CompletableFuture<List<ServerSentEvent<String>>> devices =
        collect(web, "/api/devices/stream", positioned);
    CompletableFuture<List<ServerSentEvent<String>>> commands =
        collect(web, "/api/devices/300234010753370/commands/stream", positioned);
    StreamDrain drain = context.getBean(StreamDrain.class);
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while ((drain.openStreams() < 2 || positioned.get() < 2) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(drain.openStreams()).isEqualTo(2);
    assertThat(positioned.get()).isEqualTo(2);

    context.close();

    for (CompletableFuture<List<ServerSentEvent<String>>> stream : List.of(devices, commands)) {
      List<ServerSentEvent<String>> events = stream.join();
      ServerSentEvent<String> last = events.get(events.size() - 1);
      assertThat(last.event()).isEqualTo(StreamDrain.SHUTDOWN_EVENT);
      assertThat(last.retry()).isEqualTo(Duration.ofMillis(1500));
      assertThat(events).filteredOn(e -> e.id() != null).isNotEmpty();
    }
    assertThat(drain.openStreams()).isZero();
  }

  private static CompletableFuture<List<ServerSentEvent<String>>> collect(
      WebClient web, String uri, AtomicInteger positioned) {
    AtomicBoolean counted = new AtomicBoolean();
    Flux<ServerSentEvent<String>> events =
        web.get()
            .uri(uri)
            .accept(MediaType.TEXT_EVENT_STREAM)
            .retrieve()
            .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
            .doOnNext(
                event -> {
                  if (event.id() != null && counted.compareAndSet(false, true)) {
                    positioned.incrementAndGet();
                  }
                });
    return events.collectList().timeout(PATIENCE).toFuture();
  }
}
