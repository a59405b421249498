package dev.signalyard.queryapi.stores;

import dev.signalyard.platform.kafka.SignalyardKafkaProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the partitioned device-state store when {@code signalyard.query.stores.enabled} (the
 * default). Without it nothing here exists and the device endpoints answer from the in-memory
 * snapshot alone. {@link InternalStoreController} carries the same condition.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "signalyard.query.stores.enabled")
class StoreConfiguration {

  @Bean
  StoreReplica storeReplica(
      StoreProperties properties, SignalyardKafkaProperties kafka, ApplicationContext context) {
    return new StoreReplica(properties, kafka, context);
  }

  @Bean
  LocalDeviceStates localDeviceStates(StoreReplica replica, StoreProperties properties) {
    return new LocalDeviceStates(replica, properties.maxStandbyLag());
  }

  @Bean
  InternalToken internalToken(StoreProperties properties) {
    return new InternalToken(properties);
  }

  @Bean
  ReplicaClient replicaClient(StoreProperties properties) {
    return new ReplicaClient(properties);
  }

  @Bean
  DeviceStateQueries deviceStateQueries(
      StoreReplica replica,
      LocalDeviceStates local,
      ReplicaClient replicas,
      StoreProperties properties) {
    return new DeviceStateQueries(replica, local, replicas, properties);
  }
}
