package dev.signalyard.fleet.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FuelTest {
  @Test
  void fuelIdsFollowTheirRefersTo() {
    // fuel_types: 1 benzin, 2 diesel, 3 el, 4 hybrid→1, 5 plugin benzin→1, 6 plugin diesel→2,
    // 7/8 electric→3, 9 petrol→1, 10 bike, 11 hvo
    assertThat(List.of(1, 4, 5, 9))
        .allSatisfy(id -> assertThat(Fuel.ofDbId(id)).isEqualTo(Fuel.PETROL));
    assertThat(List.of(2, 6)).allSatisfy(id -> assertThat(Fuel.ofDbId(id)).isEqualTo(Fuel.DIESEL));
    assertThat(List.of(3, 7, 8))
        .allSatisfy(id -> assertThat(Fuel.ofDbId(id)).isEqualTo(Fuel.ELECTRICITY));
    assertThat(Fuel.ofDbId(10)).isEqualTo(Fuel.NONE);
    assertThat(Fuel.ofDbId(11)).isEqualTo(Fuel.HVO);
    assertThatThrownBy(() -> Fuel.ofDbId(12)).hasMessageContaining("12");
  }

  @Test
  void vehicleFuelFollowsItsType() {
    assertThat(Fuel.of(Fixtures.ev(1, "Zoe (E1)", 150, 300.0, 0))).isEqualTo(Fuel.ELECTRICITY);
    assertThat(Fuel.of(Fixtures.bike(2, VehicleType.BIKE))).isEqualTo(Fuel.NONE);
    Vehicle unknownFuel =
        new Vehicle(
            3, "Yaris (A1)", VehicleType.FOSSIL, null, 20.0, null, null, null, 0.0, null, null);
    assertThat(Fuel.of(unknownFuel)).isEqualTo(Fuel.PETROL);
    assertThat(VehicleType.ofDbId(3)).isEqualTo(VehicleType.EV);
    assertThat(VehicleType.FOSSIL.dbId()).isEqualTo(4);
  }
}
