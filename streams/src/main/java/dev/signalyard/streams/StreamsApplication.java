package dev.signalyard.streams;

import dev.signalyard.platform.runtime.ServiceDefaults;
import java.util.Map;
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
    // Spring's shutdown phase must outlast Kafka Streams' own close timeout
    // (signalyard.streams.close-timeout, 120 s by default), or a clean close is cut short.
    return ServiceDefaults.applicationWithoutWebSecurity(
        StreamsApplication.class,
        "signalyard-streams",
        DEFAULT_PORT,
        Map.of("spring.lifecycle.timeout-per-shutdown-phase", "150s"));
  }

  public static void main(String[] args) {
    application().run(args);
  }
}
