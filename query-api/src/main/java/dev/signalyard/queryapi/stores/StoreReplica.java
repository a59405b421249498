package dev.signalyard.queryapi.stores;

import dev.signalyard.platform.kafka.SignalyardKafkaProperties;
import dev.signalyard.schemas.devices.DeviceState;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.StreamsNotStartedException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.FileSystemUtils;

/**
 * This replica's part of the partitioned device-state store: a Kafka Streams client running {@link
 * DeviceStateStoreTopology}, whose group splits device-state's partitions between the replicas
 * (plus standby copies), and which advertises this replica's internal endpoint ({@code
 * application.server}) so the others can route lookups to it.
 *
 * <p>Starts after the web server (the advertised port is the one it got) and stops after graceful
 * shutdown drained the requests, leaving the group at once so the other replicas take over the
 * partitions without waiting for the session timeout.
 *
 * <p>Thread-safety: start and stop are called by the Spring lifecycle; the query methods may be
 * called from any thread (Kafka Streams' query API is thread-safe) and throw {@link
 * org.apache.kafka.streams.errors.InvalidStateStoreException} while the store is not queryable.
 */
public final class StoreReplica implements SmartLifecycle {

  /** Between the web server's start ({@code -2048}) and graceful shutdown ({@code -1024}). */
  static final int PHASE = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 512;

  private static final Logger log = LoggerFactory.getLogger(StoreReplica.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
  static final long LAG_REFRESH_MILLIS = 1_000;
  private static final Serializer<String> KEYS = Serdes.String().serializer();

  private final StoreProperties properties;
  private final SignalyardKafkaProperties kafka;
  private final ApplicationContext context;
  private volatile KafkaStreams streams;
  private volatile HostInfo self;
  private volatile Path temporaryStateDir;
  private volatile Map<Integer, Long> lags = Map.of();
  private ScheduledExecutorService lagRefresh;

  public StoreReplica(
      StoreProperties properties, SignalyardKafkaProperties kafka, ApplicationContext context) {
    this.properties = properties;
    this.kafka = kafka;
    this.context = context;
  }

  @Override
  public synchronized void start() {
    if (streams != null) {
      return;
    }
    self = new HostInfo(advertisedHost(), advertisedPort());
    Properties config = DeviceStateStoreTopology.optimization();
    config.putAll(kafka.clientConfig());
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, properties.applicationId());
    config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
    config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir().toString());
    config.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, properties.standbyReplicas());
    config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, properties.commitInterval().toMillis());
    config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) kafka.replicationFactor());
    config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    KafkaStreams client = new KafkaStreams(DeviceStateStoreTopology.build(config), config);
    // A missing source topic (Kafka not provisioned yet) or a lost broker ends a stream thread;
    // a new one retries, so the replica recovers without a restart.
    client.setUncaughtExceptionHandler(
        e -> {
          log.warn("Device-state store thread failed, replacing it: {}", e.toString());
          return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    client.start();
    streams = client;
    lags = Map.of();
    lagRefresh =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "device-state-store-lags");
              thread.setDaemon(true);
              return thread;
            });
    lagRefresh.scheduleWithFixedDelay(
        this::refreshLags, 0, LAG_REFRESH_MILLIS, TimeUnit.MILLISECONDS);
    log.info(
        "Device-state store of {} starts on {} (standby replicas: {})",
        properties.applicationId(),
        self,
        properties.standbyReplicas());
  }

  @Override
  public synchronized void stop() {
    KafkaStreams client = streams;
    if (client == null) {
      return;
    }
    streams = null;
    lagRefresh.shutdownNow();
    lags = Map.of();
    client.close(
        CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(CLOSE_TIMEOUT));
    Path temporary = temporaryStateDir;
    if (temporary != null) {
      temporaryStateDir = null;
      try {
        FileSystemUtils.deleteRecursively(temporary);
      } catch (IOException e) {
        log.warn("Could not delete the temporary state directory {}", temporary, e);
      }
    }
  }

  @Override
  public boolean isRunning() {
    return streams != null;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  /** Where the other replicas reach this one. */
  public HostInfo self() {
    return self;
  }

  /** Who holds {@code imei}'s partition; {@link KeyQueryMetadata#NOT_AVAILABLE} when unknown. */
  public KeyQueryMetadata metadataForKey(String imei) {
    KafkaStreams client = streams;
    if (client == null || !queryable(client)) {
      return KeyQueryMetadata.NOT_AVAILABLE;
    }
    return client.queryMetadataForKey(DeviceStateStoreTopology.STORE, imei, KEYS);
  }

  /** Every replica that holds part of the store, with its active and standby partitions. */
  public Collection<StreamsMetadata> metadataForStore() {
    KafkaStreams client = streams;
    if (client == null || !queryable(client)) {
      return List.of();
    }
    return client.streamsMetadataForStore(DeviceStateStoreTopology.STORE);
  }

  /**
   * The local copy of {@code partition}: only an active, running one unless {@code standby}, which
   * also accepts a standby or restoring copy (check {@link #lag(int)} first).
   */
  ReadOnlyKeyValueStore<String, DeviceState> store(int partition, boolean standby) {
    KafkaStreams client = streams;
    if (client == null) {
      throw new StreamsNotStartedException("The device-state store is not running");
    }
    StoreQueryParameters<ReadOnlyKeyValueStore<String, DeviceState>> query =
        StoreQueryParameters.fromNameAndType(
                DeviceStateStoreTopology.STORE,
                QueryableStoreTypes.<String, DeviceState>keyValueStore())
            .withPartition(partition);
    return client.store(standby ? query.enableStaleStores() : query);
  }

  /**
   * How many offsets the local copy of {@code partition} is behind, as of the last refresh (every
   * {@value #LAG_REFRESH_MILLIS} ms); empty if not held here.
   */
  OptionalLong lag(int partition) {
    Long lag = lags.get(partition);
    return lag == null ? OptionalLong.empty() : OptionalLong.of(lag);
  }

  /**
   * Asks Kafka Streams for the local copies' lags. That asks the broker for end offsets, which can
   * take long during a rebalance, so it runs here, on the refresh thread, never for a request.
   */
  private void refreshLags() {
    KafkaStreams client = streams;
    if (client == null) {
      return;
    }
    try {
      Map<Integer, LagInfo> current =
          client
              .allLocalStorePartitionLags()
              .getOrDefault(DeviceStateStoreTopology.STORE, Map.of());
      Map<Integer, Long> offsets = new HashMap<>();
      current.forEach((partition, lag) -> offsets.put(partition, lag.offsetLag()));
      lags = Map.copyOf(offsets);
    } catch (RuntimeException e) {
      // Not running or rebalancing: keep the previous lags until the next refresh.
      log.debug("Store lags not available now: {}", e.toString());
    }
  }

  /** The device-state partitions among {@code partitions}, in order. */
  static Stream<Integer> deviceStatePartitions(Collection<TopicPartition> partitions) {
    return partitions.stream()
        .filter(p -> p.topic().equals(TopicCatalog.DEVICE_STATE.name()))
        .map(TopicPartition::partition)
        .sorted(Comparator.naturalOrder());
  }

  private static boolean queryable(KafkaStreams client) {
    KafkaStreams.State state = client.state();
    return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
  }

  private String advertisedHost() {
    if (properties.advertisedHost() != null && !properties.advertisedHost().isBlank()) {
      return properties.advertisedHost().trim();
    }
    try {
      return InetAddress.getLocalHost().getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException(
          "Cannot find this machine's address; set SIGNALYARD_QUERY_STORES_ADVERTISEDHOST", e);
    }
  }

  private int advertisedPort() {
    if (properties.advertisedPort() > 0) {
      return properties.advertisedPort();
    }
    if (context instanceof WebServerApplicationContext web && web.getWebServer() != null) {
      return web.getWebServer().getPort();
    }
    throw new IllegalStateException(
        "No web server port to advertise; set SIGNALYARD_QUERY_STORES_ADVERTISEDPORT");
  }

  private Path stateDir() {
    if (properties.stateDir() != null) {
      return properties.stateDir();
    }
    try {
      temporaryStateDir = Files.createTempDirectory("signalyard-query-api-state-");
      return temporaryStateDir;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temporary state directory", e);
    }
  }
}
