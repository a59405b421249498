package dev.signalyard.queryapi;

import dev.signalyard.schemas.devices.DeviceState;
import dev.signalyard.schemas.devices.Position;
import dev.signalyard.schemas.devices.PositionSource;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import dev.signalyard.testsupport.KafkaTestBroker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Writes device-state changes to the shared test broker's device-state topic, as the device
 * topology would: change {@code momsn} of a device is the state after its message {@code momsn}, so
 * every change of a device is distinct and ordered. Close it after the test.
 */
public final class DeviceStateChanges implements AutoCloseable {

  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  private final AvroSerde<DeviceState> serde = AvroSerde.of(DeviceState.class);
  private final KafkaProducer<String, byte[]> producer;

  /** An idempotent producer: a retried write never shows up twice. */
  public DeviceStateChanges() {
    this(Map.of());
  }

  private DeviceStateChanges(Map<String, Object> config) {
    Map<String, Object> all = new HashMap<>(config);
    all.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.shared().bootstrapServers());
    this.producer = new KafkaProducer<>(all, new StringSerializer(), new ByteArraySerializer());
  }

  /**
   * A producer without idempotence, for a topic that may have been created moments ago: an
   * idempotent producer retrying after its partition's leader settled could be refused for good
   * (out-of-order sequence). A retried write may then show up twice.
   */
  public static DeviceStateChanges withoutIdempotence() {
    return new DeviceStateChanges(
        Map.of(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false, ProducerConfig.ACKS_CONFIG, "all"));
  }

  /**
   * Writes the state of {@code imei} after message {@code momsn}; returns once it is on the topic.
   */
  public void send(String imei, int momsn) {
    sendAll(imei, momsn, momsn + 1);
  }

  /** Writes changes {@code from..to-1} of {@code imei}; returns once all are on the topic. */
  public void sendAll(String imei, int from, int to) {
    List<DeviceState> states = new ArrayList<>();
    for (int momsn = from; momsn < to; momsn++) {
      states.add(state(imei, momsn));
    }
    send(states);
  }

  /** Writes {@code states}, each keyed by its IMEI; returns once all are on the topic. */
  public void send(List<DeviceState> states) {
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (DeviceState state : states) {
      sent.add(
          producer.send(
              new ProducerRecord<>(
                  TopicCatalog.DEVICE_STATE.name(), state.getImei(), serde.encode(state))));
    }
    try {
      for (Future<RecordMetadata> future : sent) {
        future.get();
      }
    } catch (ExecutionException e) {
      throw new AssertionError("device state not written", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The online state of {@code imei} after message {@code momsn}. */
  public static DeviceState state(String imei, int momsn) {
    Instant transmit = T0.plusSeconds(momsn);
    return DeviceState.newBuilder()
        .setImei(imei)
        .setDeviceType("ROCKBLOCK")
        .setPosition(
            Position.newBuilder()
                .setLatitude(36.8)
                .setLongitude(-122.0)
                .setSource(PositionSource.GPS)
                .setFixTime(transmit)
                .build())
        .setMomsn(momsn)
        .setPayloadType("PK001")
        .setLastSeen(transmit)
        .setLastReceivedAt(transmit.plusSeconds(1))
        .setMessageCount(momsn)
        .setOnline(true)
        .build();
  }

  @Override
  public void close() {
    producer.close();
  }
}
