package dev.signalyard.fleet.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class TcoCalculatorTest {
  private static final Offset<Double> EPS = within(1e-9);
  private final TcoCalculator tco = new TcoCalculator(SimulationSettings.defaults());
  private final Vehicle petrol = Fixtures.petrolCar(1, "Toyota Yaris (AB12345)", 20, 30_000);
  private final Vehicle ev = Fixtures.ev(2, "Renault Zoe (EL11111)", 150, 300.0, 25_000);
  private final Vehicle diesel =
      new Vehicle(
          3, "VW Caddy (DD33333)", VehicleType.FOSSIL, 2, 25.0, null, null, null, 0.0, null, null);
  private final Vehicle hvo =
      new Vehicle(
          4, "VW Caddy (HV44444)", VehicleType.FOSSIL, 11, 25.0, null, null, null, 0.0, null, null);

  @Test
  void petrolCarAtTenThousandKm() {
    // 10,000 km / 20 km/l = 500 l
    assertThat(tco.fuelUnits(petrol, 10_000)).isCloseTo(500, EPS);
    // 500 l × 12.33 kr/l / 1.04 = 6,165 / 1.04 = 5,927.8846...
    assertThat(tco.runningCost(petrol, 10_000)).isCloseTo(6_165 / 1.04, EPS);
    // 500 l × 2.52 kg/l / 1000 = 1.26 t
    assertThat(tco.co2eTonnes(petrol, 10_000)).isCloseTo(1.26, EPS);
    // 1.26 t × 1500 kr/t / 1.04 = 1,890 / 1.04
    assertThat(tco.societalCost(1.26)).isCloseTo(1_890 / 1.04, EPS);
    // 1.26 t = 1,260,000 g over 10,000 km = 126 g/km
    assertThat(tco.gramsPerKm(petrol)).isCloseTo(126, EPS);
    // (30,000 + 6,165/1.04 + 1,890/1.04) / 10,000 = (30,000 + 8,055/1.04) / 10,000
    assertThat(tco.costPerKm(petrol)).isCloseTo((30_000 + 8_055 / 1.04) / 10_000, EPS);
  }

  @Test
  void electricCarAtTenThousandKm() {
    // 10,000 km × 150 Wh/km / 1000 = 1,500 kWh
    assertThat(tco.fuelUnits(ev, 10_000)).isCloseTo(1_500, EPS);
    // 1,500 kWh × 2.13 kr/kWh / 1.04 = 3,195 / 1.04
    assertThat(tco.runningCost(ev, 10_000)).isCloseTo(3_195 / 1.04, EPS);
    // 1,500 kWh × 0.09 kg/kWh / 1000 = 0.135 t
    assertThat(tco.co2eTonnes(ev, 10_000)).isCloseTo(0.135, EPS);
    // 135,000 g / 10,000 km = 13.5 g/km
    assertThat(tco.gramsPerKm(ev)).isCloseTo(13.5, EPS);
  }

  @Test
  void dieselAndHvoUseTheirOwnPriceAndFactor() {
    // 10,000 km / 25 km/l = 400 l; diesel 400 × 10.83 / 1.04, 400 × 2.98 / 1000 t
    assertThat(tco.runningCost(diesel, 10_000)).isCloseTo(4_332 / 1.04, EPS);
    assertThat(tco.co2eTonnes(diesel, 10_000)).isCloseTo(1.192, EPS);
    // HVO 400 × 19.84 / 1.04, 400 × 0.894 / 1000 t
    assertThat(tco.runningCost(hvo, 10_000)).isCloseTo(7_936 / 1.04, EPS);
    assertThat(tco.co2eTonnes(hvo, 10_000)).isCloseTo(0.3576, EPS);
  }

  @Test
  void bikesCostAndEmitNothing() {
    Vehicle bike = Fixtures.bike(5, VehicleType.EBIKE);
    assertThat(tco.runningCost(bike, 10_000)).isZero();
    assertThat(tco.co2eTonnes(bike, 10_000)).isZero();
    assertThat(tco.gramsPerKm(bike)).isZero();
  }

  @Test
  void mileageAllowanceIsLowUpToTheThresholdAndHighAbove() {
    // 15,000 km × 3.7 = 55,500
    assertThat(tco.mileageAllowance(15_000)).isCloseTo(55_500, EPS);
    // 20,000 × 3.7 + 5,000 × 2.17 = 74,000 + 10,850 = 84,850
    assertThat(tco.mileageAllowance(25_000)).isCloseTo(84_850, EPS);
    assertThat(tco.mileageAllowance(0)).isZero();
  }

  @Test
  void employeeCarUsesUndrivenTypeAndWltp() {
    // 2,000 km / 20 km/l = 100 l petrol; 100 × 2.52 / 1000 = 0.252 t
    assertThat(tco.employeeCarCo2eTonnes(2_000)).isCloseTo(0.252, EPS);
    TcoCalculator diesel =
        new TcoCalculator(
            SimulationSettings.fromMap(Map.of("undriven_type", "diesel", "undriven_wltp", "25")));
    // 2,000 km / 25 km/l = 80 l diesel; 80 × 2.98 / 1000 = 0.2384 t
    assertThat(diesel.employeeCarCo2eTonnes(2_000)).isCloseTo(0.2384, EPS);
  }
}
