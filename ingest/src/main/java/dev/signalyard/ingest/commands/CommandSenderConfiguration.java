package dev.signalyard.ingest.commands;

import dev.signalyard.ingest.IngestProperties;
import dev.signalyard.ingest.kafka.AckedPublisher;
import dev.signalyard.platform.kafka.SignalyardKafkaProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The device command sender, with credentials from the settings or the environment. */
@Configuration(proxyBeanMethods = false)
class CommandSenderConfiguration {

  @Bean
  DeviceCommandSender deviceCommandSender(
      SignalyardKafkaProperties kafka,
      IngestProperties ingest,
      AckedPublisher publisher,
      Environment environment) {
    return new DeviceCommandSender(
        kafka,
        ingest.commands(),
        MtCredentials.resolve(ingest.commands(), environment).orElse(null),
        publisher,
        Clock.systemUTC());
  }
}
