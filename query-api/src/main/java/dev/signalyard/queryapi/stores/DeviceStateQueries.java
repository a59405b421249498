package dev.signalyard.queryapi.stores;

import dev.signalyard.queryapi.stores.LocalDeviceStates.NotServedHereException;
import dev.signalyard.schemas.devices.DeviceState;
import dev.signalyard.schemas.serde.AvroSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Answers device-state queries from the partitioned store, wherever the data is.
 *
 * <p>A key lookup goes to the key's owner: this replica reads its own copy, or forwards to the
 * owner's internal endpoint. If the owner does not answer (it is restarting), a standby copy whose
 * lag is within {@link StoreProperties#maxStandbyLag()} answers instead. A list scatters to every
 * replica with the partitions it owns and gathers the pages; if any owner is silent, the whole list
 * comes from the snapshot. Standby copies never answer lists: a standby of this store (the source
 * topic is its changelog) only follows the owner's committed offsets, so a copy within the lag
 * bound can still lack devices, and a list, unlike a lookup, cannot tell a missing device.
 *
 * <p>While the store is not queryable (the group is rebalancing, or this replica's own copy is
 * restoring) a query retries every {@link StoreProperties#rebalanceRetry()} for up to {@link
 * StoreProperties#rebalanceWait()}; when that runs out, or when another replica and every standby
 * copy stay silent, it completes <em>empty</em>: the caller then answers from the replica's
 * in-memory snapshot of the topic instead of failing. A lookup the store has no state for completes
 * empty too, so that only the snapshot answers "no such device".
 *
 * <p>Thread-safety: thread-safe; the methods may be called concurrently from any thread.
 */
public final class DeviceStateQueries {

  /** Response header of the device endpoints naming the path an answer took (docs/api.md). */
  public static final String SERVED_BY_HEADER = "X-Signalyard-Served-By";

  /** {@link #SERVED_BY_HEADER} of an answer from the replica's in-memory snapshot. */
  public static final String SNAPSHOT = "snapshot";

  /** {@link #SERVED_BY_HEADER} of a list gathered from the store, followed by the replica count. */
  public static final String GATHERED = "gathered";

  static final String LOCAL = "local";
  static final String FORWARDED = "forwarded";
  static final String STANDBY = "standby";

  private static final AvroSerde<DeviceState> SERDE = AvroSerde.of(DeviceState.class);

  private final StoreReplica replica;
  private final LocalDeviceStates local;
  private final ReplicaClient replicas;
  private final Duration localReadTimeout;
  private final Duration deadline;
  private final Duration rebalanceWait;
  private final Duration rebalanceRetry;

  DeviceStateQueries(
      StoreReplica replica,
      LocalDeviceStates local,
      ReplicaClient replicas,
      StoreProperties properties) {
    this.replica = replica;
    this.local = local;
    this.replicas = replicas;
    this.localReadTimeout = properties.forwardTimeout();
    // An owner, then a standby, each within the forward timeout.
    this.deadline = properties.forwardTimeout().multipliedBy(2).plusMillis(100);
    this.rebalanceWait = properties.rebalanceWait();
    this.rebalanceRetry = properties.rebalanceRetry();
  }

  /**
   * {@code imei}'s state and who answered; empty when the store could not answer in time or has no
   * state for it (the caller then answers from its snapshot, which also decides a 404).
   *
   * @param authorization the client's {@code Authorization} header, passed on to other replicas
   */
  public Mono<DeviceStateAnswer> find(String imei, String authorization) {
    // Kafka Streams' query calls take locks its own threads also hold: never on the event loop.
    return retryingWhileUnavailable(
        Mono.defer(() -> findOnce(imei, authorization)).subscribeOn(Schedulers.boundedElastic()));
  }

  /**
   * The first {@code limit} devices matching {@code filter}, in IMEI order, and how many match in
   * all, gathered from every replica; empty when the store could not answer in time.
   */
  public Mono<DeviceStateRange> list(DeviceStateFilter filter, int limit, String authorization) {
    return retryingWhileUnavailable(
        Mono.defer(() -> listOnce(filter, limit, authorization))
            .subscribeOn(Schedulers.boundedElastic()));
  }

  private <T> Mono<T> retryingWhileUnavailable(Mono<T> attempt) {
    long attempts = rebalanceWait.toMillis() / Math.max(1, rebalanceRetry.toMillis());
    return attempt
        // Whatever happens below, the client gets its answer from the snapshot in bounded time.
        .timeout(deadline, Mono.empty())
        .retryWhen(
            Retry.fixedDelay(attempts, rebalanceRetry)
                .filter(StoreUnavailableException.class::isInstance))
        .onErrorResume(
            e -> e instanceof StoreUnavailableException || Exceptions.isRetryExhausted(e),
            e -> Mono.empty());
  }

  private Mono<DeviceStateAnswer> findOnce(String imei, String authorization) {
    KeyQueryMetadata metadata = replica.metadataForKey(imei);
    if (metadata == KeyQueryMetadata.NOT_AVAILABLE || metadata.activeHost() == null) {
      return Mono.error(new StoreUnavailableException());
    }
    int partition = metadata.partition();
    Mono<DeviceStateAnswer> owner =
        ask(metadata.activeHost(), imei, partition, false, authorization);
    Mono<DeviceStateAnswer> standbys =
        Flux.fromIterable(metadata.standbyHosts())
            .concatMap(host -> ask(host, imei, partition, true, authorization))
            .next();
    // This replica's own partition not queryable means a rebalance or restoration here: worth a
    // retry. Another owner silent means it is down: its standbys were asked, retrying the same
    // metadata would not help until the group notices, so the snapshot answers at once.
    Mono<DeviceStateAnswer> retryIfOwnedHere =
        metadata.activeHost().equals(replica.self())
            ? Mono.error(new StoreUnavailableException())
            : Mono.empty();
    // The owner's "no such device" is not the last word either: an owner that has just taken over
    // the partition from a replica that crashed replays what that one had not committed, and may
    // not have the device yet. The snapshot decides, so a 404 means it has no such device either.
    return owner
        .switchIfEmpty(standbys)
        .switchIfEmpty(retryIfOwnedHere)
        .filter(answer -> answer.state().isPresent());
  }

  private Mono<DeviceStateAnswer> ask(
      HostInfo host, String imei, int partition, boolean standby, String authorization) {
    String path = standby ? STANDBY : host.equals(replica.self()) ? LOCAL : FORWARDED;
    String servedBy = path + " " + host.host() + ":" + host.port();
    Mono<Optional<DeviceState>> read;
    if (host.equals(replica.self())) {
      read =
          Mono.fromCallable(() -> local.get(imei, partition, standby))
              .onErrorResume(NotServedHereException.class, e -> Mono.empty());
      if (standby) {
        // Off the event loop and bounded like a forwarded call.
        read =
            read.subscribeOn(Schedulers.boundedElastic()).timeout(localReadTimeout, Mono.empty());
      }
    } else {
      read = replicas.get(host, imei, standby, authorization);
    }
    // A standby copy may lag: its "no such device" may just not have arrived there yet, so only
    // the owner's absence is an answer; otherwise the next holder or the snapshot is asked.
    return read.filter(state -> !standby || state.isPresent())
        .map(state -> new DeviceStateAnswer(state, servedBy));
  }

  private Mono<DeviceStateRange> listOnce(
      DeviceStateFilter filter, int limit, String authorization) {
    Collection<StreamsMetadata> all = replica.metadataForStore();
    Map<HostInfo, List<Integer>> owned = new LinkedHashMap<>();
    for (StreamsMetadata holder : all) {
      List<Integer> active = StoreReplica.deviceStatePartitions(holder.topicPartitions()).toList();
      if (!active.isEmpty()) {
        owned.put(holder.hostInfo(), active);
      }
    }
    if (owned.isEmpty()) {
      return Mono.error(new StoreUnavailableException());
    }
    return Flux.fromIterable(owned.entrySet())
        .flatMap(
            entry ->
                slice(entry.getKey(), entry.getValue(), filter, limit, authorization)
                    .map(Optional::of)
                    .defaultIfEmpty(Optional.empty()))
        .collectList()
        .flatMap(
            slices ->
                slices.stream().anyMatch(Optional::isEmpty)
                    ? Mono.empty()
                    : Mono.just(
                        merge(slices.stream().map(Optional::get).toList(), limit, owned.size())));
  }

  private Mono<DeviceStateSlice> slice(
      HostInfo host,
      List<Integer> partitions,
      DeviceStateFilter filter,
      int limit,
      String authorization) {
    if (host.equals(replica.self())) {
      // A RocksDB scan blocks: off the event loop, bounded.
      return Mono.fromCallable(() -> local.slice(partitions, filter, limit, false))
          .subscribeOn(Schedulers.boundedElastic())
          .timeout(localReadTimeout, Mono.empty())
          .onErrorResume(NotServedHereException.class, e -> Mono.empty());
    }
    return replicas.slice(host, partitions, filter, limit, false, authorization);
  }

  private static DeviceStateRange merge(List<DeviceStateSlice> slices, int limit, int replicas) {
    TreeSet<DeviceState> first = new TreeSet<>(Comparator.comparing(DeviceState::getImei));
    long matched = 0;
    for (DeviceStateSlice slice : slices) {
      matched += slice.matched();
      for (byte[] bytes : slice.states()) {
        first.add(SERDE.decode(bytes));
        if (first.size() > limit) {
          first.pollLast();
        }
      }
    }
    return new DeviceStateRange(new ArrayList<>(first), matched, replicas);
  }

  /** No replica could answer this attempt. */
  private static final class StoreUnavailableException extends RuntimeException {
    StoreUnavailableException() {
      super("The device-state store could not answer", null, false, false);
    }
  }
}
