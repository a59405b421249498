package dev.signalyard.queryapi.stores;

import dev.signalyard.schemas.devices.DeviceState;
import dev.signalyard.schemas.serde.AvroSerde;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Calls another replica's internal endpoints ({@link InternalStoreController}) with a short
 * timeout. Every failure (refused, timed out, 5xx, an answer not from the store) comes back as an
 * empty {@code Mono}: the caller then asks a standby or falls back, never fails the client's
 * request.
 *
 * <p>Thread-safety: thread-safe (one shared, immutable {@link WebClient}).
 */
final class ReplicaClient {

  private static final AvroSerde<DeviceState> SERDE = AvroSerde.of(DeviceState.class);

  private final WebClient web;
  private final Duration timeout;
  private final String token;

  ReplicaClient(StoreProperties properties) {
    this.timeout = properties.forwardTimeout();
    this.token = properties.hasInternalToken() ? properties.internalToken() : null;
    HttpClient http =
        HttpClient.create()
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
            .responseTimeout(timeout);
    this.web = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
  }

  /**
   * {@code imei}'s state as {@code host} holds it: present, or empty inside when the host owns the
   * key and has no state for it; an empty {@code Mono} when it did not answer for its store.
   *
   * @param authorization the client's {@code Authorization} header, passed on (may be null)
   */
  Mono<Optional<DeviceState>> get(
      HostInfo host, String imei, boolean standby, String authorization) {
    URI uri =
        UriComponentsBuilder.fromUriString(base(host) + InternalStoreController.PATH + "/{imei}")
            .queryParam("standby", standby)
            .buildAndExpand(imei)
            .encode()
            .toUri();
    return web.get()
        .uri(uri)
        .headers(headers -> credentials(headers, authorization))
        .exchangeToMono(
            response -> {
              boolean fromStore =
                  response.headers().header(InternalStoreController.PARTITION_HEADER).size() == 1;
              if (fromStore && response.statusCode().value() == HttpStatus.OK.value()) {
                return response
                    .bodyToMono(byte[].class)
                    .map(bytes -> Optional.of(SERDE.decode(bytes)));
              }
              if (fromStore && response.statusCode().value() == HttpStatus.NOT_FOUND.value()) {
                return response.releaseBody().thenReturn(Optional.<DeviceState>empty());
              }
              return response.releaseBody().then(Mono.<Optional<DeviceState>>empty());
            })
        .timeout(timeout)
        .onErrorResume(e -> Mono.empty());
  }

  /** {@code host}'s slice of {@code partitions}; empty when it did not answer for them. */
  Mono<DeviceStateSlice> slice(
      HostInfo host,
      Collection<Integer> partitions,
      DeviceStateFilter filter,
      int limit,
      boolean standby,
      String authorization) {
    UriComponentsBuilder uri =
        UriComponentsBuilder.fromUriString(base(host) + InternalStoreController.PATH)
            .queryParam(
                "partitions",
                partitions.stream().map(String::valueOf).collect(Collectors.joining(",")))
            .queryParam("limit", limit)
            .queryParam("standby", standby);
    if (!filter.imeiPart().isEmpty()) {
      uri.queryParam("q", filter.imeiPart());
    }
    if (filter.online() != null) {
      uri.queryParam("online", filter.online());
    }
    return web.get()
        .uri(uri.encode().build().toUri())
        .headers(headers -> credentials(headers, authorization))
        .exchangeToMono(
            response ->
                response.statusCode().value() == HttpStatus.OK.value()
                    ? response.bodyToMono(DeviceStateSlice.class)
                    : response.releaseBody().then(Mono.<DeviceStateSlice>empty()))
        .timeout(timeout)
        .onErrorResume(e -> Mono.empty());
  }

  private void credentials(HttpHeaders headers, String authorization) {
    if (token != null) {
      headers.set(InternalStoreController.TOKEN_HEADER, token);
    }
    if (authorization != null) {
      headers.set(HttpHeaders.AUTHORIZATION, authorization);
    }
  }

  private static String base(HostInfo host) {
    String name = host.host().contains(":") ? "[" + host.host() + "]" : host.host();
    return "http://" + name + ":" + host.port();
  }
}
