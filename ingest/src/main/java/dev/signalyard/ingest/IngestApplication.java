package dev.signalyard.ingest;

import dev.signalyard.platform.runtime.ServiceDefaults;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The ingest service: webhooks that validate upstream input, normalise it to Avro and produce it to
 * the raw topics, answering the sender only after Kafka acknowledged the record.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IngestApplication {

  public static final int DEFAULT_PORT = 8081;

  /** The ingest application with its defaults; callers may add sources or properties. */
  public static SpringApplication application() {
    return ServiceDefaults.applicationWithoutWebSecurity(
        IngestApplication.class, "signalyard-ingest", DEFAULT_PORT);
  }

  public static void main(String[] args) {
    application().run(args);
  }
}
