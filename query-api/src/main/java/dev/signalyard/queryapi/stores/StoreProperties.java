package dev.signalyard.queryapi.stores;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the partitioned device-state store that query-api replicas share between them (see
 * {@link StoreReplica}).
 *
 * <p>Thread-safety: immutable.
 *
 * @param enabled Whether this replica materializes device-state into a partitioned store and routes
 *     key lookups and lists through it; turn it on when several replicas run. Off (the default):
 *     every replica answers from its in-memory snapshot of the whole topic.
 * @param applicationId Kafka Streams application id, the same on every replica of one deployment;
 *     replicas with the same id split the partitions between them.
 * @param advertisedHost Host name or address other replicas reach this one at; empty: this
 *     machine's address ({@code InetAddress.getLocalHost()}, the pod IP on Kubernetes).
 * @param advertisedPort Port other replicas reach this one at; 0: the port the server listens on.
 * @param stateDir Directory of the store's RocksDB files; keep it on a persistent volume so a
 *     restarted replica only catches up instead of restoring everything. Empty: a fresh temporary
 *     directory per start, deleted on shutdown.
 * @param standbyReplicas Warm copies of each partition kept on other replicas; a key lookup falls
 *     back to one while the owner is restarting.
 * @param maxStandbyLag Largest lag, in offsets, at which a standby copy may answer a key lookup in
 *     place of the owner.
 * @param forwardTimeout How long a replica waits for another replica's answer before it tries a
 *     standby.
 * @param rebalanceWait How long a query retries while the store is not queryable (during a
 *     rebalance, or while no replica can answer) before it is answered from the in-memory snapshot.
 * @param rebalanceRetry Pause between those retries.
 * @param internalToken Shared secret replicas send in {@value InternalStoreController#TOKEN_HEADER}
 *     on the internal endpoints; when set, requests to {@code /internal/stores/**} without it are
 *     refused with 401. Set it whenever an identity provider is configured.
 * @param commitInterval How often a replica commits how far it has read: standby copies, and a
 *     replica that takes a partition over after a crash, replay from the last commit, so they are
 *     at most about this far behind the owner.
 */
@ConfigurationProperties("signalyard.query.stores")
public record StoreProperties(
    @DefaultValue("false") boolean enabled,
    @DefaultValue("signalyard-query-api") String applicationId,
    String advertisedHost,
    @DefaultValue("0") int advertisedPort,
    Path stateDir,
    @DefaultValue("1") int standbyReplicas,
    @DefaultValue("10000") long maxStandbyLag,
    @DefaultValue("1s") Duration forwardTimeout,
    @DefaultValue("500ms") Duration rebalanceWait,
    @DefaultValue("50ms") Duration rebalanceRetry,
    String internalToken,
    @DefaultValue("1s") Duration commitInterval) {

  public StoreProperties {
    if (applicationId == null || applicationId.isBlank()) {
      throw new IllegalArgumentException(
          "signalyard.query.stores.application-id must not be empty");
    }
    if (advertisedPort < 0 || advertisedPort > 65_535) {
      throw new IllegalArgumentException(
          "signalyard.query.stores.advertised-port must be between 0 and 65535");
    }
    if (standbyReplicas < 0) {
      throw new IllegalArgumentException(
          "signalyard.query.stores.standby-replicas must not be negative");
    }
    if (maxStandbyLag < 0) {
      throw new IllegalArgumentException(
          "signalyard.query.stores.max-standby-lag must not be negative");
    }
    if (forwardTimeout.isNegative() || forwardTimeout.isZero()) {
      throw new IllegalArgumentException(
          "signalyard.query.stores.forward-timeout must be positive");
    }
    if (commitInterval.isNegative() || commitInterval.isZero()) {
      throw new IllegalArgumentException(
          "signalyard.query.stores.commit-interval must be positive");
    }
    if (rebalanceWait.isNegative() || rebalanceRetry.isNegative() || rebalanceRetry.isZero()) {
      throw new IllegalArgumentException(
          "signalyard.query.stores.rebalance-wait must not be negative and"
              + " signalyard.query.stores.rebalance-retry must be positive");
    }
  }

  /** Whether replicas authenticate to each other with {@link #internalToken()}. */
  public boolean hasInternalToken() {
    return internalToken != null && !internalToken.isBlank();
  }
}
