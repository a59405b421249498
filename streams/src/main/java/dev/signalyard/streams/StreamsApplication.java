package dev.signalyard.streams;

import dev.signalyard.platform.runtime.ServiceDefaults;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The streams service: Kafka Streams topologies that decode raw input, aggregate it and write the
 * output topics that query-api serves. Exactly-once (v2) processing throughout.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class StreamsApplication {

  public static final int DEFAULT_PORT = 8082;

  public static SpringApplication application() {
    return ServiceDefaults.applicationWithoutWebSecurity(
        StreamsApplication.class, "signalyard-streams", DEFAULT_PORT);
  }

  public static void main(String[] args) {
    application().run(args);
  }
}
