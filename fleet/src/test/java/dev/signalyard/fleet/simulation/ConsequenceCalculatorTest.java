package dev.signalyard.fleet.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ConsequenceCalculatorTest {
  private static final Offset<Double> EPS = within(1e-6);

  @Test
  void pricesEveryVehicleAndTheEmployeeCar() {
    Vehicle petrol = Fixtures.petrolCar(1, "Toyota Yaris (AB12345)", 20, 30_000);
    Vehicle ev = Fixtures.ev(2, "Renault Zoe (EL11111)", 150, 300.0, 40_000);
    ConsequenceCalculator.FleetCost cost =
        new ConsequenceCalculator(SimulationSettings.defaults())
            .price(List.of(petrol, ev), new double[] {100, 0}, 50, 10);

    List<VehicleUsage> rows = cost.usage();
    assertThat(rows)
        .extracting(VehicleUsage::vehicle)
        .containsExactly(
            "Benzin Medarbejderbil", "Toyota Yaris (AB12345)", "Renault Zoe (EL11111)");

    // employee car: 50 km / 10 days × 365 = 1,825 km/yr; allowance 1,825 × 3.7 = 6,752.5
    // 1,825 / 20 km/l = 91.25 l × 2.52 = 229.95 kg; societal 0.22995 t × 1500 / 1.04
    VehicleUsage employee = rows.get(0);
    assertThat(employee.yearlyKm()).isCloseTo(1_825, EPS);
    assertThat(employee.yearlyCost()).isCloseTo(6_752.5, EPS);
    assertThat(employee.yearlyEmissionKg()).isCloseTo(229.95, EPS);
    assertThat(employee.allocatedEmissionKg()).isCloseTo(50 / 20.0 * 2.52, EPS);
    assertThat(employee.yearlySocietalCost()).isCloseTo(0.22995 * 1500 / 1.04, EPS);
    assertThat(employee.wltp()).isEqualTo(20);

    // petrol car: 100 km / 10 × 365 = 3,650 km/yr; 182.5 l; running 182.5 × 12.33 / 1.04;
    // 182.5 × 2.52 = 459.9 kg; societal 0.4599 × 1500 / 1.04; allocated 100 / 20 × 2.52 = 12.6 kg
    VehicleUsage car = rows.get(1);
    assertThat(car.allocatedKm()).isCloseTo(100, EPS);
    assertThat(car.yearlyKm()).isCloseTo(3_650, EPS);
    assertThat(car.wltp()).isEqualTo(20);
    assertThat(car.allocatedEmissionKg()).isCloseTo(12.6, EPS);
    assertThat(car.yearlyEmissionKg()).isCloseTo(459.9, EPS);
    assertThat(car.yearlyCost()).isCloseTo(30_000, EPS);
    assertThat(car.yearlyRunningCost()).isCloseTo(182.5 * 12.33 / 1.04, EPS);
    assertThat(car.yearlySocietalCost()).isCloseTo(0.4599 * 1500 / 1.04, EPS);
    assertThat(car.totalYearlyCost())
        .isCloseTo(30_000 + 182.5 * 12.33 / 1.04 + 0.4599 * 1500 / 1.04, EPS);

    // the unused EV still pays its omkostning_aar
    assertThat(rows.get(2).totalYearlyCost()).isCloseTo(40_000, EPS);

    Consequences c = cost.consequences();
    assertThat(c.allocatedKm()).isCloseTo(100, EPS);
    assertThat(c.unallocatedKm()).isCloseTo(50, EPS);
    assertThat(c.mileageAllowance()).isCloseTo(6_752.5, EPS);
    assertThat(c.fixedCost()).isCloseTo(70_000, EPS);
    assertThat(c.runningCost()).isCloseTo(182.5 * 12.33 / 1.04, EPS);
    assertThat(c.societalCost()).isCloseTo((0.4599 + 0.22995) * 1500 / 1.04, EPS);
    assertThat(c.co2eTonnes()).isCloseTo(0.4599 + 0.22995, EPS);
    // total = allowance + fixed + running + societal
    assertThat(c.totalCost())
        .isCloseTo(6_752.5 + 70_000 + 182.5 * 12.33 / 1.04 + (0.4599 + 0.22995) * 1500 / 1.04, EPS);
    assertThat(rows.stream().mapToDouble(VehicleUsage::totalYearlyCost).sum())
        .isCloseTo(c.totalCost(), EPS);
  }

  @Test
  void employeeCarIsNamedAfterUndrivenType() {
    ConsequenceCalculator diesel =
        new ConsequenceCalculator(SimulationSettings.fromMap(Map.of("undriven_type", "diesel")));
    assertThat(diesel.employeeCarName()).isEqualTo("Diesel Medarbejderbil");
  }
}
