package dev.signalyard.queryapi;

import dev.signalyard.platform.runtime.ServiceDefaults;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The query API: REST and server-sent events over the materialized output topics. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class QueryApiApplication {

  public static final int DEFAULT_PORT = 8080;

  public static SpringApplication application() {
    return ServiceDefaults.application(
        QueryApiApplication.class, "signalyard-query-api", DEFAULT_PORT);
  }

  public static void main(String[] args) {
    application().run(args);
  }
}
