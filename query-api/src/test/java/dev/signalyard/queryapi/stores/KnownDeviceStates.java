package dev.signalyard.queryapi.stores;

import dev.signalyard.schemas.devices.DeviceState;
import dev.signalyard.schemas.devices.Position;
import dev.signalyard.schemas.devices.PositionSource;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import dev.signalyard.testsupport.KafkaTestBroker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Device states whose every field follows from the IMEI, so that any answer of a replica can be
 * checked against the IMEI alone, and their publication to device-state.
 */
final class KnownDeviceStates {

  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  private KnownDeviceStates() {}

  /** Each device's sequence number is derived from its id. */
  static int expectedMomsn(String imei) {
    return 100 + Integer.parseInt(imei.substring(imei.length() - 5));
  }

  static boolean expectedOnline(String imei) {
    return expectedMomsn(imei) % 3 != 0;
  }

  static DeviceState state(String imei) {
    int momsn = expectedMomsn(imei);
    Instant transmit = T0.plusSeconds(momsn);
    return DeviceState.newBuilder()
        .setImei(imei)
        .setDeviceType("ROCKBLOCK")
        .setPosition(
            Position.newBuilder()
                .setLatitude(36.8)
                .setLongitude(-5.2)
                .setSource(PositionSource.GPS)
                .setFixTime(transmit)
                .build())
        .setMomsn(momsn)
        .setPayloadType("PK001")
        .setLastSeen(transmit)
        .setLastReceivedAt(transmit.plusSeconds(1))
        .setMessageCount(momsn)
        .setOnline(expectedOnline(imei))
        .build();
  }

  /**
   * Publishes every device's state and waits until the broker has each one. Not idempotent: the
   * topic may have been created moments ago, and an idempotent producer retrying after its
   * partition's leader settled could be refused for good (out-of-order sequence); a duplicate is
   * harmless here.
   */
  static void publish(List<String> imeis) throws InterruptedException, ExecutionException {
    AvroSerde<DeviceState> serde = AvroSerde.of(DeviceState.class);
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            KafkaTestBroker.shared().bootstrapServers(),
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            false,
            ProducerConfig.ACKS_CONFIG,
            "all");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (String imei : imeis) {
        sent.add(
            producer.send(
                new ProducerRecord<>(
                    TopicCatalog.DEVICE_STATE.name(), imei, serde.encode(state(imei)))));
      }
      for (Future<RecordMetadata> record : sent) {
        record.get();
      }
    }
  }
}
