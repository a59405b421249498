package dev.signalyard.demo;

import com.google.protobuf.Any;
import dev.signalyard.ingest.broadcasts.proto.BroadcastMessage;
import dev.signalyard.ingest.broadcasts.proto.BroadcastType;
import dev.signalyard.ingest.broadcasts.proto.Context;
import dev.signalyard.ingest.broadcasts.proto.Emitter;
import dev.signalyard.ingest.broadcasts.proto.IssueChain;
import dev.signalyard.ingest.broadcasts.proto.PlainText;
import dev.signalyard.ingest.broadcasts.proto.SimpleIssue;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated DUNE DAQ run-control session ({@value #SESSION}) that writes drunc broadcasts and ERS
 * issues to the upstream topics the broadcast bridge reads, exactly as drunc does: raw protobuf
 * bytes ({@code BroadcastMessage} with a {@code PlainText} in its {@code Any}, or an ERS {@code
 * IssueChain}), no key. One message per interval, in a loop of runs: the process manager boots the
 * applications, the root controller is configured, starts a run, reports status, stops it; now and
 * then a command fails with {@code DRUNC_EXCEPTION_RAISED} and the data writer raises an ERS
 * warning.
 *
 * <p>The demo broker does not create topics on demand, so {@link #start()} creates the upstream
 * topics first; the bridge finds them at its next metadata refresh.
 *
 * <p>Thread-safety: the scheduler thread alone produces; {@link #published()} may be read from any
 * thread; start and close it from one thread.
 */
final class DemoBroadcastFeed implements AutoCloseable {

  static final String SESSION = "demo-session";
  static final String PROCESS_MANAGER_TOPIC = "control." + SESSION + ".process_manager";
  static final String CONTROLLER_TOPIC = "control." + SESSION + ".root-controller";
  static final String ERS_TOPIC = "erscontrol." + SESSION + ".dataflow";

  private static final Logger log = LoggerFactory.getLogger(DemoBroadcastFeed.class);
  private static final int FIRST_RUN = 31_415;

  /** One upstream message of the script: the topic it goes to and its protobuf bytes. */
  private record Upstream(String topic, byte[] value) {}

  private final String bootstrapServers;
  private final Duration interval;
  private final Clock clock;
  private final KafkaProducer<byte[], byte[]> producer;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "demo-broadcast-feed");
            thread.setDaemon(true);
            return thread;
          });
  private final AtomicLong published = new AtomicLong();
  private final List<Upstream> pending = new ArrayList<>();
  private int run = FIRST_RUN;
  private boolean booted;

  DemoBroadcastFeed(String bootstrapServers, Duration interval, Clock clock) {
    this.bootstrapServers = bootstrapServers;
    this.interval = interval;
    this.clock = clock;
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.CLIENT_ID_CONFIG, "demo-drunc"),
            new ByteArraySerializer(),
            new ByteArraySerializer());
  }

  /** Creates the upstream topics, then publishes one message per interval, the first at once. */
  void start() {
    createTopics();
    scheduler.scheduleAtFixedRate(this::publishNext, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Messages the broker acknowledged so far. */
  long published() {
    return published.get();
  }

  private void createTopics() {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      List<NewTopic> topics =
          List.of(PROCESS_MANAGER_TOPIC, CONTROLLER_TOPIC, ERS_TOPIC).stream()
              .map(name -> new NewTopic(name, 1, (short) 1))
              .toList();
      for (var created : admin.createTopics(topics).values().values()) {
        try {
          created.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("Could not create the demo's drunc topics", e);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating the demo's drunc topics", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Creating the demo's drunc topics did not finish", e);
    }
  }

  private void publishNext() {
    if (pending.isEmpty()) {
      pending.addAll(booted ? runCycle(run++) : boot());
      booted = true;
    }
    Upstream next = pending.remove(0);
    producer.send(
        new ProducerRecord<>(next.topic(), null, clock.millis(), null, next.value()),
        (metadata, error) -> {
          if (error == null) {
            if (published.incrementAndGet() % 30 == 0) {
              log.info("Demo broadcast feed: {} drunc messages published so far", published.get());
            }
          } else {
            log.warn("Demo broadcast feed: publishing failed: {}", error.toString());
          }
        });
  }

  /** The process manager comes up and boots the session's applications. */
  private static List<Upstream> boot() {
    return List.of(
        processManager(BroadcastType.SERVER_READY, "Process manager ready on np04-srv-024:10054"),
        processManager(BroadcastType.COMMAND_RECEIVED, "boot requested by user np04daq"),
        processManager(
            BroadcastType.COMMAND_EXECUTION_SUCCESS,
            "boot: 4 processes started (root-controller, hsi-0, dataflow-0, trigger-0)"),
        controller(BroadcastType.SERVER_READY, "root-controller ready on np04-srv-024:3333"),
        controller(BroadcastType.FSM_STATUS_UPDATE, "initial"));
  }

  /** One run: conf, start, status while taking data, stop, scrap; every third run has a fault. */
  private static List<Upstream> runCycle(int run) {
    List<Upstream> cycle = new ArrayList<>();
    cycle.add(controller(BroadcastType.ACK, "conf received"));
    cycle.add(controller(BroadcastType.FSM_STATUS_UPDATE, "configured"));
    cycle.add(controller(BroadcastType.COMMAND_EXECUTION_SUCCESS, "conf executed in 3.2 s"));
    cycle.add(controller(BroadcastType.ACK, "start received (run " + run + ")"));
    if (run % 3 == 0) {
      cycle.add(
          controller(
              BroadcastType.DRUNC_EXCEPTION_RAISED,
              "start failed on trigger-0: timeout after 30 s waiting for hsi-0"));
      cycle.add(ers(run));
      cycle.add(controller(BroadcastType.FSM_STATUS_UPDATE, "configured"));
    } else {
      cycle.add(controller(BroadcastType.FSM_STATUS_UPDATE, "running"));
      cycle.add(
          controller(
              BroadcastType.STATUS_UPDATE,
              "run " + run + ": dataflow-0 writing to /data/np04_raw_run0" + run + ".hdf5"));
      cycle.add(controller(BroadcastType.ACK, "stop received (run " + run + ")"));
      cycle.add(controller(BroadcastType.FSM_STATUS_UPDATE, "configured"));
      cycle.add(
          controller(
              BroadcastType.COMMAND_EXECUTION_SUCCESS, "stop executed, run " + run + " ended"));
    }
    cycle.add(controller(BroadcastType.FSM_STATUS_UPDATE, "initial"));
    return cycle;
  }

  private static Upstream processManager(BroadcastType type, String text) {
    return new Upstream(PROCESS_MANAGER_TOPIC, broadcast("process_manager", type, text));
  }

  private static Upstream controller(BroadcastType type, String text) {
    return new Upstream(CONTROLLER_TOPIC, broadcast("root-controller", type, text));
  }

  /** As drunc's broadcast sender packs it: PlainText in an Any, serialized, no key. */
  private static byte[] broadcast(String process, BroadcastType type, String text) {
    return BroadcastMessage.newBuilder()
        .setEmitter(Emitter.newBuilder().setProcess(process).setSession(SESSION))
        .setType(type)
        .setData(Any.pack(PlainText.newBuilder().setText(text).build()))
        .build()
        .toByteArray();
  }

  private static Upstream ers(int run) {
    byte[] chain =
        IssueChain.newBuilder()
            .setFinal(
                SimpleIssue.newBuilder()
                    .setName("dunedaq::dfmodules::InvalidDataReceived")
                    .addInheritance("ers::Issue")
                    .setMessage("Fragment of run " + run + " arrived without a trigger record")
                    .setSeverity("warning")
                    .setContext(
                        Context.newBuilder()
                            .setHostName("np04-srv-024")
                            .setPackageName("dfmodules")
                            .setFileName("TRBuffer.cpp")
                            .setLineNumber(187)
                            .setApplicationName("dataflow-0"))
                    .putParameters("run", Integer.toString(run)))
            .setSession(SESSION)
            .setApplication("dataflow-0")
            .setModule("trb")
            .build()
            .toByteArray();
    return new Upstream(ERS_TOPIC, chain);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(5));
  }
}
