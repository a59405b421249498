package dev.signalyard.queryapi.commands;

import dev.signalyard.platform.kafka.SignalyardKafkaProperties;
import dev.signalyard.queryapi.kafka.AckedProducer;
import dev.signalyard.queryapi.live.EncodedEvents;
import dev.signalyard.queryapi.live.TopicView;
import dev.signalyard.schemas.commands.DeviceCommandStatus;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command producer and the view of device-command-status (complete: the topic is compacted and
 * read from its start). The view bean, {@code deviceCommandStatusView}, is what other streams
 * subscribe to for command events.
 */
@Configuration(proxyBeanMethods = false)
class CommandConfiguration {

  @Bean
  TopicView<DeviceCommandStatus> deviceCommandStatusView(SignalyardKafkaProperties kafka) {
    AvroSerde<DeviceCommandStatus> serde = AvroSerde.of(DeviceCommandStatus.class);
    return new TopicView<>(TopicCatalog.DEVICE_COMMAND_STATUS.name(), kafka, serde::decode);
  }

  /** The {@code commandStatus} events of every stream that carries them, encoded once a change. */
  @Bean
  EncodedEvents<DeviceCommandStatus> commandStatusEvents(JsonMapper json) {
    return EncodedEvents.of(json, CommandStatusEvents::of);
  }

  @Bean(destroyMethod = "close")
  AckedProducer commandProducer(SignalyardKafkaProperties kafka, CommandProperties properties) {
    return new AckedProducer(kafka, properties.ackTimeout(), "signalyard-query-commands");
  }
}
