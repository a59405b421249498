package dev.signalyard.fleet.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The worked example of docs/simulation.md and the run-level rules. */
class FleetSimulationTest {
  private static final Offset<Double> EPS = within(1e-6);
  private static final LocalDate DAY = LocalDate.parse("2026-03-02");

  private static final Vehicle FOCUS =
      new Vehicle(
          1,
          "Ford Focus (CD22222)",
          VehicleType.FOSSIL,
          1,
          16.0,
          null,
          null,
          null,
          22_000.0,
          null,
          null);
  private static final Vehicle GOLF =
      new Vehicle(
          2,
          "VW Golf (CD33333)",
          VehicleType.FOSSIL,
          1,
          18.0,
          null,
          null,
          null,
          21_000.0,
          null,
          null);
  private static final Vehicle ZOE = Fixtures.ev(101, "Renault Zoe (EL11111)", 150, 200.0, 25_000);
  private static final Vehicle YARIS =
      Fixtures.petrolCar(102, "Toyota Yaris (AB12345)", 20, 20_000);

  private static final List<SimTrip> TRIPS =
      List.of(
          Fixtures.trip("T1", 1, "2026-03-02T08:00", "2026-03-02T10:00", 120),
          Fixtures.trip("T2", 2, "2026-03-02T09:00", "2026-03-02T11:00", 60),
          Fixtures.trip("T3", 1, "2026-03-02T11:03", "2026-03-02T13:00", 100));

  private static SimulationInput example() {
    return new SimulationInput(
        TRIPS, List.of(FOCUS, GOLF), List.of(ZOE, YARIS), Fixtures.UTC, false, false, DAY, DAY);
  }

  @Test
  void workedExample() {
    SimulationOutcome outcome =
        new FleetSimulation().run(example(), ProgressListener.NONE, Cancellation.NEVER);

    // Zoe (13.5 g/km) is offered trips before the Yaris (126 g/km).
    // T1: Zoe takes 120 of 200 km. T2: Zoe busy until 10:05, Yaris takes it.
    // T3 (100 km at 11:03): Zoe has 80 km left and no segments to recharge in; Yaris is busy
    // until 11:05: unallocated.
    assertThat(outcome.drivingBook())
        .extracting(DrivingBookEntry::simulationVehicleId)
        .containsExactly(101L, 102L, -1L);
    assertThat(outcome.drivingBook())
        .extracting(DrivingBookEntry::simulationType)
        .containsExactly(3, 4, -1);
    assertThat(outcome.drivingBook().get(2).simulationVehicleName()).isEqualTo("Ikke allokeret");
    assertThat(outcome.drivingBook().get(0).currentVehicleName()).isEqualTo("Ford Focus (CD22222)");
    assertThat(outcome.numberOfTrips()).isEqualTo(3);
    assertThat(outcome.unallocated()).isEqualTo(1);
    assertThat(outcome.unallocatedPerDay()).containsExactly(new UnallocatedDay(DAY, 1));

    // days: 08:00 to 13:00 is 5 h, at least 1 day → yearly km = km × 365
    // current: Focus 220 km → 80,300 km/yr / 16 km/l = 5,018.75 l;
    //          Golf 60 km → 21,900 km/yr / 18 km/l = 1,216.67 l
    double currentLitres = 220 * 365 / 16.0 + 60 * 365 / 18.0;
    Consequences current = outcome.current();
    assertThat(current.mileageAllowance()).isZero();
    assertThat(current.fixedCost()).isCloseTo(43_000, EPS);
    assertThat(current.runningCost()).isCloseTo(currentLitres * 12.33 / 1.04, EPS);
    assertThat(current.co2eTonnes()).isCloseTo(currentLitres * 2.52 / 1000, EPS);
    // = 22,000 + 21,000 + 73,925.66 + 22,663.34 = 139,589.00
    assertThat(current.totalCost()).isCloseTo(139_589.002403846, within(1e-6));

    // simulated: Zoe 120 km → 43,800 km/yr × 0.15 kWh/km = 6,570 kWh;
    // Yaris 60 km → 21,900 km/yr / 20 = 1,095 l; unallocated 100 km → 36,500 km/yr:
    // allowance 20,000 × 3.7 + 16,500 × 2.17 = 109,805; employee car 36,500 / 20 = 1,825 l
    Consequences simulated = outcome.simulated();
    assertThat(simulated.unallocatedYearlyKm()).isCloseTo(36_500, EPS);
    assertThat(simulated.mileageAllowance()).isCloseTo(109_805, EPS);
    assertThat(simulated.fixedCost()).isCloseTo(45_000, EPS);
    assertThat(simulated.runningCost()).isCloseTo(6_570 * 2.13 / 1.04 + 1_095 * 12.33 / 1.04, EPS);
    double simulatedTonnes = 6_570 * 0.09 / 1000 + 1_095 * 2.52 / 1000 + 1_825 * 2.52 / 1000;
    assertThat(simulated.co2eTonnes()).isCloseTo(simulatedTonnes, EPS); // 7.9497 t
    assertThat(simulated.societalCost()).isCloseTo(simulatedTonnes * 1500 / 1.04, EPS);
    // = 109,805 + 45,000 + 26,437.93 + 11,465.91 = 192,708.85
    assertThat(simulated.totalCost()).isCloseTo(192_708.846153846, within(1e-6));

    assertThat(outcome.financialSavings())
        .isCloseTo(139_589.002403846 - 192_708.846153846, within(1e-6));
    // 15.71325 − 7.9497 = 7.76355 → 7.764
    assertThat(outcome.co2eSavingsTonnes()).isEqualTo(7.764);
  }

  @Test
  void thePeriodIsInclusiveAndOnlyTripsOfTheCurrentFleetCount() {
    List<SimTrip> trips =
        List.of(
            Fixtures.trip("first-day", 1, "2026-03-01T00:00", "2026-03-01T01:00", 1),
            Fixtures.trip("last-day", 1, "2026-03-03T22:00", "2026-03-04T00:00", 1),
            Fixtures.trip("too-late", 1, "2026-03-03T23:00", "2026-03-04T00:01", 1),
            Fixtures.trip("too-early", 1, "2026-02-28T23:59", "2026-03-01T01:00", 1),
            Fixtures.trip("other-car", 9, "2026-03-02T08:00", "2026-03-02T09:00", 1));
    SimulationInput input =
        new SimulationInput(
            trips,
            List.of(FOCUS),
            List.of(YARIS),
            Fixtures.UTC,
            false,
            false,
            LocalDate.parse("2026-03-01"),
            LocalDate.parse("2026-03-03"));
    SimulationOutcome outcome =
        new FleetSimulation().run(input, ProgressListener.NONE, Cancellation.NEVER);
    assertThat(outcome.drivingBook())
        .extracting(DrivingBookEntry::tripId)
        .containsExactly("first-day", "last-day");
    assertThat(outcome.unallocatedPerDay()).hasSize(3);
  }

  @Test
  void intelligentAllocationFallsBackToGreedyWhenNoneIsConfigured() {
    SimulationInput intelligent =
        new SimulationInput(
            TRIPS, List.of(FOCUS, GOLF), List.of(ZOE, YARIS), Fixtures.UTC, true, false, DAY, DAY);
    assertThat(
            new FleetSimulation()
                .run(intelligent, ProgressListener.NONE, Cancellation.NEVER)
                .unallocated())
        .isEqualTo(1);

    // an allocator that books every trip on vehicle 0 shows which allocator a run used
    TripAllocator everythingOnFirst =
        (trips, fleet, s, ctx) -> Allocation.of(new int[trips.size()]);
    FleetSimulation withIntelligent =
        new FleetSimulation(
            new GreedyAllocator(),
            (trips, fleet, s, ctx) -> {
              int[] none = new int[trips.size()];
              Arrays.fill(none, Allocation.UNALLOCATED);
              return Allocation.of(none);
            });
    assertThat(
            withIntelligent
                .run(intelligent, ProgressListener.NONE, Cancellation.NEVER)
                .unallocated())
        .isEqualTo(3);
    assertThat(
            new FleetSimulation(everythingOnFirst, null)
                .run(example(), ProgressListener.NONE, Cancellation.NEVER)
                .drivingBook())
        .extracting(DrivingBookEntry::simulationVehicleId)
        .containsOnly(101L);
  }

  @Test
  void progressEndsAtOneAndCancellationThrows() {
    List<Double> fractions = new ArrayList<>();
    new FleetSimulation().run(example(), (f, m) -> fractions.add(f), Cancellation.NEVER);
    assertThat(fractions).isSorted().startsWith(0.0).endsWith(1.0);
    assertThatThrownBy(
            () -> new FleetSimulation().run(example(), ProgressListener.NONE, () -> true))
        .isInstanceOf(SimulationCancelledException.class);
  }

  @Test
  void aVehicleWithoutItsConsumptionIsRejectedNamingTheField() {
    Vehicle noWltp =
        new Vehicle(
            5, "Mystery (XX00000)", VehicleType.EV, 3, null, null, null, 300.0, 0.0, null, 7.0);
    SimulationInput input =
        new SimulationInput(
            TRIPS,
            List.of(FOCUS, GOLF),
            List.of(YARIS, noWltp),
            Fixtures.UTC,
            false,
            false,
            DAY,
            DAY);
    assertThatThrownBy(
            () -> new FleetSimulation().run(input, ProgressListener.NONE, Cancellation.NEVER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("simulatedFleet[1].wltpEl");
  }

  @Test
  void simulatedConsequencesMatchAFullRun() {
    FleetSimulation simulation = new FleetSimulation();
    PreparedTrips prepared = simulation.prepare(example());
    Consequences fast =
        simulation.simulatedConsequences(
            prepared, List.of(ZOE, YARIS), Fixtures.UTC, false, false, Cancellation.NEVER);
    assertThat(fast)
        .isEqualTo(
            simulation.run(example(), ProgressListener.NONE, Cancellation.NEVER).simulated());
    assertThat(prepared.totalKm()).isCloseTo(280, EPS);
    assertThat(prepared.periodDays()).isEqualTo(1.0);
  }

  @Test
  void shiftsLockACarForTheWholeBlock() {
    SimulationSettings shifts =
        Fixtures.UTC.withOverrides(Map.of("shifts", "07:00-15:00,15:00-23:00,23:00-07:00"));
    // T1 and T3 of the Focus fall in the day shift and become one block T1+T3 of 220 km
    SimulationInput input =
        new SimulationInput(
            TRIPS, List.of(FOCUS, GOLF), List.of(ZOE, YARIS), shifts, false, false, DAY, DAY);
    SimulationOutcome outcome =
        new FleetSimulation().run(input, ProgressListener.NONE, Cancellation.NEVER);
    assertThat(outcome.drivingBook())
        .extracting(DrivingBookEntry::tripId)
        .containsExactly("T1+T3", "T2");
    // the block is 220 km > 200 km range (Zoe), so the Yaris (first free car after Zoe) takes it;
    // T2 at 09:00 starts before the block ends: Zoe takes it
    assertThat(outcome.drivingBook())
        .extracting(DrivingBookEntry::simulationVehicleId)
        .containsExactly(102L, 101L);
  }
}
