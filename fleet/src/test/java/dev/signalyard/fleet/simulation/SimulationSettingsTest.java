package dev.signalyard.fleet.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulationSettingsTest {
  @Test
  void defaultsAreTheReferenceDefaults() {
    SimulationSettings s = SimulationSettings.defaults();
    assertThat(s.elUdledning()).isEqualTo(0.09);
    assertThat(s.benzinUdledning()).isEqualTo(2.52);
    assertThat(s.dieselUdledning()).isEqualTo(2.98);
    assertThat(s.hvoUdledning()).isEqualTo(0.894);
    assertThat(s.prisEl()).isEqualTo(2.13);
    assertThat(s.prisBenzin()).isEqualTo(12.33);
    assertThat(s.prisDiesel()).isEqualTo(10.83);
    assertThat(s.prisHvo()).isEqualTo(19.84);
    assertThat(s.vaerdisaetningTonsCo2()).isEqualTo(1500);
    assertThat(s.subTime()).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.low()).isEqualTo(3.7);
    assertThat(s.high()).isEqualTo(2.17);
    assertThat(s.distanceThreshold()).isEqualTo(20000);
    assertThat(s.undrivenType()).isEqualTo("benzin");
    assertThat(s.undrivenWltp()).isEqualTo(20);
    assertThat(s.keepData()).isEqualTo(24);
    assertThat(s.slack()).isZero();
    assertThat(s.maxUndriven()).isEqualTo(20);
    assertThat(s.maxKmPrTrip()).isEqualTo(15);
    assertThat(s.percentageOfTrips()).isEqualTo(100);
    assertThat(s.bikeSlots())
        .containsExactly(new TimeSlot(LocalTime.of(7, 0), LocalTime.of(15, 30)));
    assertThat(s.bikeSpeed()).isEqualTo(20);
    assertThat(s.electricalBikeSpeed()).isEqualTo(30);
    assertThat(s.shifts()).isEmpty();
  }

  @Test
  void keyValuesOverrideDefaultsAndRoundTrip() {
    SimulationSettings s =
        SimulationSettings.fromMap(
            Map.of(
                "pris_benzin",
                "13,5",
                "sub_time",
                "10",
                "shifts",
                "06:00-18:00/12:00,18:00-06:00"));
    assertThat(s.prisBenzin()).isEqualTo(13.5);
    assertThat(s.subTime()).isEqualTo(Duration.ofMinutes(10));
    assertThat(s.shifts()).hasSize(2);
    assertThat(s.shifts().get(0).breakAt()).isEqualTo(LocalTime.NOON);
    assertThat(SimulationSettings.fromMap(s.toMap())).isEqualTo(s);
  }

  @Test
  void errorsNameTheKey() {
    assertThatThrownBy(() -> SimulationSettings.fromMap(Map.of("pris_el", "cheap")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pris_el");
    assertThatThrownBy(
            () -> SimulationSettings.defaults().withOverrides(Map.of("no_such_key", "1")))
        .hasMessageContaining("no_such_key");
    // the whole simulation_settings table may hold keys the simulation does not read
    assertThat(SimulationSettings.fromMap(Map.of("vagt_dashboard", "07:00-15:00")))
        .isEqualTo(SimulationSettings.defaults());
    assertThatThrownBy(() -> SimulationSettings.fromMap(Map.of("undriven_type", "coal")))
        .hasMessageContaining("undriven_type");
  }

  @Test
  void shiftsMustCoverTheDayWithBreaksInside() {
    assertThatThrownBy(
            () -> SimulationSettings.fromMap(Map.of("shifts", "07:00-15:00,16:00-07:00")))
        .hasMessageContaining("shifts");
    assertThatThrownBy(
            () -> SimulationSettings.fromMap(Map.of("shifts", "07:00-15:00/16:00,15:00-07:00")))
        .hasMessageContaining("break");
    assertThat(
            SimulationSettings.fromMap(Map.of("shifts", "23:00-07:00,07:00-15:00,15:00-23:00"))
                .shifts())
        .hasSize(3);
  }
}
