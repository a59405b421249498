package dev.signalyard.platform;

import dev.signalyard.platform.kafka.SignalyardKafkaProperties;
import dev.signalyard.platform.kafka.TopicProvisioner;
import dev.signalyard.platform.kafka.TopicProvisioningRunner;
import dev.signalyard.platform.web.ProblemExceptionHandler;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** What every Signalyard service gets: Kafka settings, topic creation, problem bodies. */
@AutoConfiguration
@EnableConfigurationProperties(SignalyardKafkaProperties.class)
@Import(ProblemExceptionHandler.class)
public class PlatformAutoConfiguration {

  @Bean
  TopicProvisioner topicProvisioner(SignalyardKafkaProperties properties) {
    return new TopicProvisioner(properties);
  }

  @Bean
  @ConditionalOnProperty(
      name = "signalyard.kafka.create-topics",
      havingValue = "true",
      matchIfMissing = true)
  TopicProvisioningRunner topicProvisioningRunner(TopicProvisioner provisioner) {
    return new TopicProvisioningRunner(provisioner);
  }
}
