package dev.signalyard.testsupport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Exit;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.kafka.KafkaContainer;

/**
 * A single-node Kafka broker shared by every test in the JVM.
 *
 * <p>When a Docker engine is reachable it runs the {@value #IMAGE} image through Testcontainers;
 * otherwise it runs a KRaft broker inside this JVM through spring-kafka-test's {@link
 * EmbeddedKafkaKraftBroker}. Either way transactions work on the one node (transaction state log
 * replication factor and min ISR 1), which Kafka Streams {@code exactly_once_v2} needs, and
 * consumer groups form without the initial rebalance delay.
 *
 * <p>Thread-safe: {@link #shared()} starts the broker on first use and returns the same instance to
 * every caller; a JVM shutdown hook stops it. All methods may be called from any thread.
 *
 * <p>Use it from a Spring test with
 *
 * <pre>{@code
 * @DynamicPropertySource
 * static void kafka(DynamicPropertyRegistry registry) {
 *   registry.add("spring.kafka.bootstrap-servers", () -> KafkaTestBroker.shared().bootstrapServers());
 * }
 * }</pre>
 *
 * <p>Every test class in the JVM sees the same topics and consumer groups, so each test should use
 * names of its own.
 */
public final class KafkaTestBroker {

  static final String IMAGE = "apache/kafka:4.2.1";

  private static final JvmSingleton<KafkaTestBroker> SHARED =
      new JvmSingleton<>("Kafka test broker", KafkaTestBroker::start, KafkaTestBroker::stop);

  private static final long ADMIN_TIMEOUT_SECONDS = 30;

  private static final Map<String, String> EMBEDDED_BROKER_PROPERTIES =
      Map.of(
          // EXTERNAL and CONTROLLER are the listener names of Kafka's KafkaClusterTestKit, which
          // the embedded broker runs on. The test kit binds its sockets before it reads this
          // setting, on all interfaces; 127.0.0.1 here makes the broker advertise the loopback
          // address that bootstrapServers() names.
          "listeners", "EXTERNAL://127.0.0.1:0,CONTROLLER://127.0.0.1:0",
          "group.initial.rebalance.delay.ms", "0",
          "offsets.topic.replication.factor", "1",
          "offsets.topic.num.partitions", "1",
          "transaction.state.log.replication.factor", "1",
          "transaction.state.log.min.isr", "1",
          "transaction.state.log.num.partitions", "1",
          "share.coordinator.state.topic.replication.factor", "1",
          "share.coordinator.state.topic.min.isr", "1",
          // The test kit offers unreleased protocol versions by default; a released broker,
          // like the container's, does not.
          "unstable.api.versions.enable", "false");

  private final String bootstrapServers;
  private final boolean containerized;
  private final Runnable stopAction;

  private KafkaTestBroker(String bootstrapServers, boolean containerized, Runnable stopAction) {
    this.bootstrapServers = bootstrapServers;
    this.containerized = containerized;
    this.stopAction = stopAction;
  }

  /** Returns the JVM's broker, starting it on the first call. */
  public static KafkaTestBroker shared() {
    return SHARED.get();
  }

  /** The {@code bootstrap.servers} value for clients, e.g. {@code 127.0.0.1:40123}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Whether the broker runs in a Docker container rather than inside this JVM. */
  public boolean containerized() {
    return containerized;
  }

  /**
   * Creates the topics and waits until the broker has created them. Topics that already exist are
   * left as they are, so test classes may create their topics in a {@code @BeforeAll} without
   * knowing which ran first.
   */
  public void createTopics(NewTopic... topics) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      for (KafkaFuture<Void> created :
          admin.createTopics(Arrays.asList(topics)).values().values()) {
        awaitCreated(created);
      }
    }
  }

  /**
   * Creates a topic with the given partitions and replication factor 1, as {@link #createTopics}.
   */
  public void createTopic(String name, int partitions) {
    createTopics(new NewTopic(name, partitions, (short) 1));
  }

  private static void awaitCreated(KafkaFuture<Void> created) {
    try {
      created.get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("Could not create topic", e.getCause());
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException("Topic creation did not finish in time", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topics", e);
    }
  }

  @Override
  public String toString() {
    return "KafkaTestBroker["
        + (containerized ? IMAGE : "embedded KRaft")
        + " at "
        + bootstrapServers
        + "]";
  }

  private static KafkaTestBroker start() {
    return Docker.available() ? startContainer() : startEmbedded();
  }

  private static KafkaTestBroker startContainer() {
    // The container's defaults already give the one-node settings: replication factors and
    // min ISR 1, no initial rebalance delay.
    KafkaContainer container = new KafkaContainer(IMAGE);
    container.start();
    return new KafkaTestBroker(container.getBootstrapServers(), true, container::stop);
  }

  private static KafkaTestBroker startEmbedded() {
    EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
    broker.brokerProperties(EMBEDDED_BROKER_PROPERTIES);
    // By default the broker publishes its address as the JVM-wide system property
    // spring.kafka.bootstrap-servers, which would quietly point every Spring application in the
    // JVM at it, including those a test wires to a KafkaBrokerProcess. A private name keeps tests
    // wiring bootstrapServers() explicitly, so they behave the same with and without Docker.
    broker.brokerListProperty(KafkaTestBroker.class.getName() + ".bootstrapServers");
    // Kafka's test kit registers a JVM shutdown hook that deletes the broker's directory. JVM
    // hooks run concurrently, so that deletion would race the broker's graceful shutdown in our
    // own hook and end every test run with a page of disk errors. Collect Kafka's hooks while the
    // broker starts and run them once it has stopped.
    List<Runnable> kafkaExitHooks = new ArrayList<>();
    Runnable stop =
        () -> {
          broker.destroy();
          kafkaExitHooks.forEach(Runnable::run);
        };
    Exit.setShutdownHookAdder((name, hook) -> kafkaExitHooks.add(hook));
    try {
      broker.afterPropertiesSet();
    } catch (RuntimeException e) {
      stopAfterFailedStart(stop, e);
      throw e;
    } finally {
      Exit.resetShutdownHookAdder();
    }
    String address = broker.getBrokersAsString();
    String port = address.substring(address.lastIndexOf(':') + 1);
    return new KafkaTestBroker("127.0.0.1:" + port, false, stop);
  }

  private static void stopAfterFailedStart(Runnable stop, RuntimeException startFailure) {
    try {
      stop.run();
    } catch (RuntimeException e) {
      startFailure.addSuppressed(e);
    }
  }

  private void stop() {
    stopAction.run();
  }
}
