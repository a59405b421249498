package dev.signalyard.streams.runtime;

import dev.signalyard.platform.kafka.SignalyardKafkaProperties;
import dev.signalyard.schemas.devices.DeviceReport;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import dev.signalyard.streams.StreamsProperties;
import dev.signalyard.streams.broadcasts.BroadcastTopology;
import dev.signalyard.streams.devices.DeviceReportTopology;
import dev.signalyard.streams.devices.DeviceStateTopology;
import dev.signalyard.streams.devices.DeviceTrackTopology;
import dev.signalyard.streams.devices.GeofenceTopology;
import dev.signalyard.streams.devices.TrackerReportTopology;
import dev.signalyard.streams.devices.payload.PayloadDecoders;
import dev.signalyard.streams.fleet.FleetStreamsProperties;
import dev.signalyard.streams.fleet.FleetTopologies;
import dev.signalyard.streams.simulation.SimulationProperties;
import dev.signalyard.streams.simulation.SimulationTopology;
import dev.signalyard.streams.simulation.SimulationWorkers;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.annotation.KafkaStreamsDefaultConfiguration;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

/**
 * Spring wiring for the topologies: the Kafka Streams settings (exactly-once v2 always) and one
 * bean per topology. The topologies themselves are plain classes tested with TopologyTestDriver.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
class StreamsConfiguration {

  @Bean(name = KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_CONFIG_BEAN_NAME)
  KafkaStreamsConfiguration kafkaStreamsConfiguration(
      SignalyardKafkaProperties kafka, StreamsProperties streams) {
    Map<String, Object> config = kafka.clientConfig();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, streams.applicationId());
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    config.put(StreamsConfig.STATE_DIR_CONFIG, streams.stateDir().toString());
    config.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, streams.standbyReplicas());
    config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streams.threads());
    config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, streams.commitInterval().toMillis());
    config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) kafka.replicationFactor());
    config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    return new KafkaStreamsConfiguration(config);
  }

  /** Adds every topology to the one StreamsBuilder that the factory bean builds and starts. */
  @Bean
  StreamsBuilderFactoryBeanConfigurer topologies(
      StreamsProperties streams,
      FleetStreamsProperties fleet,
      SimulationProperties simulation,
      ObjectProvider<SimulationWorkers> simulationWorkers) {
    return factoryBean -> {
      factoryBean.setCloseTimeout((int) streams.closeTimeout().toSeconds());
      factoryBean.setInfrastructureCustomizer(
          new KafkaStreamsInfrastructureCustomizer() {
            @Override
            public void configureBuilder(StreamsBuilder builder) {
              Clock clock = Clock.systemUTC();
              DeviceReportTopology.build(
                  builder, clock, streams.retryWindow(), PayloadDecoders.defaults());
              TrackerReportTopology.build(builder, clock, streams.retryWindow());
              // One source for device-reports: a topic may be read only once per topology.
              KStream<String, DeviceReport> reports =
                  builder.stream(
                      TopicCatalog.DEVICE_REPORTS.name(),
                      Consumed.with(Serdes.String(), AvroSerde.of(DeviceReport.class)));
              DeviceStateTopology.build(
                  reports, streams.offlineAfter(), streams.statusCheckInterval());
              DeviceTrackTopology.build(reports, streams.trackRetention());
              GeofenceTopology.build(builder, streams.geofences());
              BroadcastTopology.build(
                  builder,
                  clock,
                  streams.broadcasts().dedupeWindow(),
                  streams.broadcasts().countLateness());
              if (fleet.enabled()) {
                FleetTopologies.build(builder, fleet, clock);
              }
              if (simulation.enabled()) {
                SimulationTopology.build(builder, simulationWorkers.getObject());
              }
            }
          });
    };
  }

  @Bean
  KafkaStreamsHealthIndicator kafkaStreamsHealthIndicator(StreamsBuilderFactoryBean factoryBean) {
    return new KafkaStreamsHealthIndicator(factoryBean);
  }
}
