package dev.signalyard.ingest.kafka;

import dev.signalyard.ingest.IngestProperties;
import dev.signalyard.platform.kafka.SignalyardKafkaProperties;
import dev.signalyard.platform.web.Problems;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

@Configuration(proxyBeanMethods = false)
class IngestKafkaConfiguration {

  /** Seconds a sender told 503 should wait before retrying. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  @Bean(destroyMethod = "close")
  AckedPublisher ackedPublisher(SignalyardKafkaProperties kafka, IngestProperties ingest) {
    return new AckedPublisher(kafka, ingest);
  }

  @RestControllerAdvice
  static class BrokerUnavailableHandler {
    @ExceptionHandler(BrokerUnavailableException.class)
    ResponseEntity<ProblemDetail> brokerUnavailable(BrokerUnavailableException e) {
      return ResponseEntity.status(503)
          .header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()))
          .body(Problems.brokerUnavailable(e.getMessage() + ". Nothing was accepted; retry."));
    }
  }
}
