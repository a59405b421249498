package dev.signalyard.queryapi.devices;

import dev.signalyard.platform.kafka.SignalyardKafkaProperties;
import dev.signalyard.queryapi.live.TopicView;
import dev.signalyard.schemas.devices.DeviceReport;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DeviceViewConfiguration {

  @Bean
  TopicView<DeviceReport> deviceLatestView(SignalyardKafkaProperties kafka) {
    AvroSerde<DeviceReport> serde = AvroSerde.of(DeviceReport.class);
    return new TopicView<>(TopicCatalog.DEVICE_LATEST.name(), kafka, serde::decode);
  }
}
