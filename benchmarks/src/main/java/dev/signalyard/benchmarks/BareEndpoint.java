package dev.signalyard.benchmarks;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code POST /bench/bare}: the baseline next to {@code POST /webhooks/rockblock}. It goes through
 * the same server, the same WebFlux dispatch and the same form decoding, and answers {@code 200 OK}
 * without validating, encoding or producing anything.
 *
 * <p>{@link WebhookBenchmark} adds it to the ingest application's own context, so the difference
 * between the two endpoints is what validation, Avro encoding and waiting for Kafka's
 * acknowledgement cost; everything else (HTTP, Netty, the load generator on the same CPU) is in
 * both.
 */
@RestController
class BareEndpoint {

  static final String PATH = "/bench/bare";

  @PostMapping(
      path = PATH,
      consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
      produces = MediaType.TEXT_PLAIN_VALUE)
  Mono<String> bare(ServerWebExchange exchange) {
    // Decode the form exactly as the webhook does; only what follows the decoding differs.
    return exchange.getFormData().map(form -> "OK");
  }
}
