package dev.signalyard.benchmarks;

import com.google.protobuf.Any;
import dev.signalyard.ingest.broadcasts.proto.BroadcastMessage;
import dev.signalyard.ingest.broadcasts.proto.BroadcastType;
import dev.signalyard.ingest.broadcasts.proto.Emitter;
import dev.signalyard.ingest.broadcasts.proto.PlainText;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The upstream side of the broadcast benchmarks, as drunc writes it: raw protobuf {@code
 * BroadcastMessage} bytes with a {@code PlainText} in the {@code Any}, no key, on {@code
 * control.<session>.<name>} topics. Stateless.
 */
final class BroadcastUpstream {

  private static final List<BroadcastType> RUN_CONTROL_TYPES =
      List.of(
          BroadcastType.ACK,
          BroadcastType.FSM_STATUS_UPDATE,
          BroadcastType.COMMAND_EXECUTION_SUCCESS,
          BroadcastType.STATUS_UPDATE,
          BroadcastType.COMMAND_RECEIVED,
          BroadcastType.DRUNC_EXCEPTION_RAISED);

  private BroadcastUpstream() {}

  /** One drunc broadcast; the type cycles through run-control types with {@code n}. */
  static byte[] broadcast(String session, String process, int n, String text) {
    return BroadcastMessage.newBuilder()
        .setEmitter(Emitter.newBuilder().setProcess(process).setSession(session))
        .setType(RUN_CONTROL_TYPES.get(Math.floorMod(n, RUN_CONTROL_TYPES.size())))
        .setData(Any.pack(PlainText.newBuilder().setText(text).build()))
        .build()
        .toByteArray();
  }

  /** A producer like drunc's: acknowledged by all replicas, batching as the load allows. */
  static KafkaProducer<byte[], byte[]> producer(String bootstrapServers, int lingerMs) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.LINGER_MS_CONFIG,
            lingerMs,
            ProducerConfig.BATCH_SIZE_CONFIG,
            256 * 1024,
            ProducerConfig.CLIENT_ID_CONFIG,
            "benchmark-drunc"),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  /** Creates the topics with one partition each and waits for them. */
  static void createTopics(String bootstrapServers, List<String> names)
      throws InterruptedException, ExecutionException, TimeoutException {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin
          .createTopics(names.stream().map(name -> new NewTopic(name, 1, (short) 1)).toList())
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }
}
