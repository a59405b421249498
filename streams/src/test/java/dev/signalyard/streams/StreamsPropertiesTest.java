package dev.signalyard.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalyard.streams.devices.Geofence;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class StreamsPropertiesTest {

  @Test
  void bindsTheDeviceDefaults() {
    StreamsProperties properties = bind(Map.of());

    assertThat(properties.retryWindow()).isEqualTo(Duration.ofDays(7));
    assertThat(properties.trackRetention()).isEqualTo(Duration.ofDays(30));
    assertThat(properties.offlineAfter()).isEqualTo(Duration.ofHours(1));
    assertThat(properties.statusCheckInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(properties.geofences()).isEmpty();
  }

  @Test
  void bindsGeofencesFromIndexedProperties() {
    StreamsProperties properties =
        bind(
            Map.of(
                "signalyard.streams.geofences[0].name", "harbour",
                "signalyard.streams.geofences[0].latitude", "36.804",
                "signalyard.streams.geofences[0].longitude", "-121.788",
                "signalyard.streams.geofences[0].radius-meters", "1000",
                "signalyard.streams.offline-after", "2h"));

    assertThat(properties.geofences())
        .containsExactly(new Geofence("harbour", 36.804, -121.788, 1000));
    assertThat(properties.offlineAfter()).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void refusesAGeofenceWithoutRadius() {
    assertThatThrownBy(
            () ->
                bind(
                    Map.of(
                        "signalyard.streams.geofences[0].name", "harbour",
                        "signalyard.streams.geofences[0].latitude", "36.804",
                        "signalyard.streams.geofences[0].longitude", "-121.788")))
        .isInstanceOf(BindException.class)
        .rootCause()
        .hasMessageContaining("radius must be positive");
  }

  private static StreamsProperties bind(Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values))
        .bindOrCreate("signalyard.streams", StreamsProperties.class);
  }
}
