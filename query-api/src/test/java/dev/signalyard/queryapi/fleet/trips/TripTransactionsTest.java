package dev.signalyard.queryapi.fleet.trips;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalyard.platform.kafka.SignalyardKafkaProperties;
import dev.signalyard.queryapi.kafka.BrokerUnavailableException;
import dev.signalyard.schemas.fleet.Trip;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An upload while Kafka is unreachable fails as broker-unavailable (answered 503), not later. */
class TripTransactionsTest {

  @Test
  void reportsAnUnreachableBrokerAsUnavailable() {
    SignalyardKafkaProperties kafka =
        new SignalyardKafkaProperties("127.0.0.1:1", null, false, (short) 1, 0, 0);
    TripUploadProperties settings = new TripUploadProperties(Duration.ofSeconds(2), "test-upload");
    try (TripTransactions transactions = new TripTransactions(kafka, settings)) {
      Trip trip =
          Trip.newBuilder()
              .setVehicleId(1)
              .setTripId("t-1")
              .setSource("UPLOAD")
              .setStartTime(Instant.parse("2024-01-01T00:00:00Z"))
              .setEndTime(Instant.parse("2024-01-01T01:00:00Z"))
              .setStartLatitude(55)
              .setStartLongitude(12)
              .setEndLatitude(55)
              .setEndLongitude(12)
              .setDistanceKm(1)
              .setReceivedAt(Instant.parse("2024-01-01T02:00:00Z"))
              .build();

      assertThatThrownBy(() -> transactions.commit(List.of(trip)))
          .isInstanceOf(BrokerUnavailableException.class)
          .hasMessageContaining("Kafka did not commit the upload");
    }
  }
}
