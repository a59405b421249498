package dev.signalyard.queryapi.devices;

import dev.signalyard.platform.kafka.SignalyardKafkaProperties;
import dev.signalyard.queryapi.QueryApiProperties;
import dev.signalyard.queryapi.live.TopicView;
import dev.signalyard.schemas.devices.DeviceEvent;
import dev.signalyard.schemas.devices.DeviceState;
import dev.signalyard.schemas.devices.TrackPoint;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The in-memory views the device endpoints answer from: device-state (newest per device, complete),
 * device-events (live only, from start-up on) and device-tracks (into a bounded {@link
 * TrackHistory}).
 */
@Configuration(proxyBeanMethods = false)
class DeviceViewConfiguration {

  @Bean
  TopicView<DeviceState> deviceStateView(SignalyardKafkaProperties kafka) {
    AvroSerde<DeviceState> serde = AvroSerde.of(DeviceState.class);
    return new TopicView<>(TopicCatalog.DEVICE_STATE.name(), kafka, serde::decode);
  }

  @Bean
  TopicView<DeviceEvent> deviceEventView(SignalyardKafkaProperties kafka) {
    AvroSerde<DeviceEvent> serde = AvroSerde.of(DeviceEvent.class);
    return new TopicView<>(
        TopicCatalog.DEVICE_EVENTS.name(), kafka, serde::decode, TopicView.Start.LATEST);
  }

  @Bean
  TopicView<TrackPoint> deviceTrackView(SignalyardKafkaProperties kafka) {
    AvroSerde<TrackPoint> serde = AvroSerde.of(TrackPoint.class);
    return new TopicView<>(TopicCatalog.DEVICE_TRACKS.name(), kafka, serde::decode);
  }

  @Bean
  TrackHistory trackHistory(TopicView<TrackPoint> deviceTrackView, QueryApiProperties properties) {
    TrackHistory history =
        new TrackHistory(
            properties.trackRetention(), properties.trackPointsPerDevice(), Clock.systemUTC());
    deviceTrackView.addListener(
        entry -> {
          if (entry.value() != null) {
            history.add(entry.value());
          }
        });
    return history;
  }
}
