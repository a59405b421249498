package dev.signalyard.ingest.broadcasts;

import dev.signalyard.ingest.IngestProperties;
import dev.signalyard.platform.kafka.SignalyardKafkaProperties;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the broadcast bridge: its upstream consumer and its producer to our cluster. */
@Configuration(proxyBeanMethods = false)
class BroadcastConfiguration {

  @Bean
  BroadcastSeverities broadcastSeverities(IngestProperties ingest) {
    return new BroadcastSeverities(ingest.broadcasts().severities());
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "signalyard.ingest.broadcasts.bridge-enabled", havingValue = "true")
  Producer<String, byte[]> broadcastBridgeProducer(SignalyardKafkaProperties kafka) {
    return new KafkaProducer<>(
        producerConfig(kafka), new StringSerializer(), new ByteArraySerializer());
  }

  @Bean
  @ConditionalOnProperty(name = "signalyard.ingest.broadcasts.bridge-enabled", havingValue = "true")
  BroadcastBridge broadcastBridge(
      SignalyardKafkaProperties kafka,
      IngestProperties ingest,
      Producer<String, byte[]> broadcastBridgeProducer,
      BroadcastSeverities severities) {
    IngestProperties.Broadcasts settings = ingest.broadcasts();
    Map<String, Object> config = consumerConfig(kafka, settings);
    return new BroadcastBridge(
        () -> new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
        broadcastBridgeProducer,
        settings.topicPatterns(),
        new UpstreamBroadcastDecoder(severities),
        settings.pollTimeout(),
        Clock.systemUTC());
  }

  /**
   * The upstream consumer: its own bootstrap servers and client settings (security included), never
   * Signalyard's, except the bootstrap servers when none are given.
   */
  static Map<String, Object> consumerConfig(
      SignalyardKafkaProperties kafka, IngestProperties.Broadcasts settings) {
    Map<String, Object> config = new HashMap<>(settings.client());
    String servers = settings.bootstrapServers();
    config.put(
        CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
        servers == null || servers.isBlank() ? kafka.bootstrapServers() : servers);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, (int) settings.metadataMaxAge().toMillis());
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "signalyard-broadcast-bridge");
    // Each poll costs one wait for the acks and one synchronous commit, so bigger polls copy
    // faster; an operator's max.poll.records in the client settings wins.
    config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, BRIDGE_MAX_POLL_RECORDS);
    return config;
  }

  /** Records per upstream poll unless the client settings say otherwise. */
  static final int BRIDGE_MAX_POLL_RECORDS = 2000;

  /**
   * Our producer: idempotent, {@code acks=all}, batching a little for throughput. Kafka's default
   * delivery timeout (2 min) applies: nobody waits on an answer, and the poll is only rewound once
   * the producer has given up on its records.
   */
  static Map<String, Object> producerConfig(SignalyardKafkaProperties kafka) {
    Map<String, Object> config = kafka.clientConfig();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "signalyard-broadcast-bridge");
    return config;
  }
}
