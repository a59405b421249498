package dev.signalyard.streams.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class FleetStreamsPropertiesTest {

  @Test
  void bindsTheDefaultsThatTheTopologiesUseWithoutSpring() {
    assertThat(bind(Map.of())).isEqualTo(FleetStreamsProperties.defaults());
    assertThat(FleetStreamsProperties.defaults().aggregation().tripDuration())
        .isEqualTo(Duration.ofDays(7));
  }

  @Test
  void bindsTheAggregationSwitches() {
    FleetStreamsProperties properties =
        bind(
            Map.of(
                "signalyard.streams.fleet.enabled", "false",
                "signalyard.streams.fleet.lateness", "6h",
                "signalyard.streams.fleet.trip-duration", "3d",
                "signalyard.streams.fleet.bird-flight", "true"));

    assertThat(properties.enabled()).isFalse();
    assertThat(properties.lateness()).isEqualTo(Duration.ofHours(6));
    assertThat(properties.aggregation().tripDuration()).isEqualTo(Duration.ofDays(3));
    assertThat(properties.aggregation().birdFlight()).isTrue();
    assertThat(properties.aggregation().onlyNatural()).isFalse();
  }

  @Test
  void refusesATinyPendingBoundNamingTheProperty() {
    assertThatThrownBy(() -> bind(Map.of("signalyard.streams.fleet.max-pending-trips", "3")))
        .isInstanceOf(BindException.class)
        .rootCause()
        .hasMessageContaining("signalyard.streams.fleet.max-pending-trips must be at least 10");
  }

  private static FleetStreamsProperties bind(Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values))
        .bindOrCreate("signalyard.streams.fleet", FleetStreamsProperties.class);
  }
}
