package dev.signalyard.ingest.fleet;

import dev.signalyard.platform.kafka.SignalyardKafkaProperties;
import dev.signalyard.platform.runtime.Backoff;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wiring of the fleet trip extraction. The extractors are built, and a refused configuration fails,
 * at start-up; the Kafka clients are made only when extraction runs.
 */
@Configuration(proxyBeanMethods = false)
class FleetExtractionConfiguration {

  @Bean
  TripExtraction tripExtraction(
      FleetExtractionProperties settings,
      SignalyardKafkaProperties kafka,
      Environment environment,
      ObjectProvider<MeterRegistry> registry) {
    ExtractorMetrics metrics =
        new ExtractorMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
    FleetHttp http =
        new FleetHttp(
            HttpClient.newBuilder()
                .connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build(),
            settings.requestTimeout(),
            new Backoff(settings.retryBase(), settings.retryCap(), settings.maxAttempts()),
            duration -> Thread.sleep(duration.toMillis()),
            metrics);
    Clock clock = Clock.systemUTC();
    List<Extractor> extractors =
        ExtractorCatalog.create(settings, environment::getProperty, http, clock);
    return new TripExtraction(
        extractors,
        () ->
            new KafkaProducer<>(
                producerConfig(kafka, settings), new StringSerializer(), new ByteArraySerializer()),
        () -> ExtractorCheckpoints.load(kafka.clientConfig(), Duration.ofSeconds(60)),
        settings,
        metrics,
        clock);
  }

  /**
   * Idempotent, {@code acks=all}; a window's records must be acknowledged within {@code
   * ack-timeout}, or the window is fetched again next round.
   */
  static Map<String, Object> producerConfig(
      SignalyardKafkaProperties kafka, FleetExtractionProperties settings) {
    long budget = settings.ackTimeout().toMillis();
    Map<String, Object> config = kafka.clientConfig();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, budget / 2);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, budget / 2));
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(2000, budget));
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "signalyard-fleet-extraction");
    return config;
  }
}
