package dev.signalyard.fleet.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A stored month of trips on a mixed fleet (fossil, EV, e-bike, bike; see {@link ScenarioFiles}),
 * checked for consistency rather than for fixed numbers: km are conserved, costs add up, every
 * booking respects the rules, and the exports read back.
 */
class ScenarioTest {
  private static final Offset<Double> EPS = within(1e-6);

  static Stream<Arguments> variants() {
    SimulationSettings plain = SimulationSettings.defaults();
    SimulationSettings shifts =
        plain.withOverrides(Map.of("shifts", "07:00-15:00/11:30,15:00-23:00,23:00-07:00"));
    return Stream.of(
        Arguments.of("no shifts", plain, false),
        Arguments.of("shifts", shifts, false),
        Arguments.of("limit km", plain, true));
  }

  private static final ScenarioData SCENARIO = ScenarioFiles.load();

  private static SimulationInput input(SimulationSettings settings, boolean limitKm) {
    return SCENARIO.input(settings, limitKm);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void theOutcomeIsConsistent(String name, SimulationSettings settings, boolean limitKm)
      throws IOException {
    SimulationInput input = input(settings, limitKm);
    SimulationOutcome outcome =
        new FleetSimulation().run(input, ProgressListener.NONE, Cancellation.NEVER);
    List<DrivingBookEntry> book = outcome.drivingBook();
    double totalKm = book.stream().mapToDouble(DrivingBookEntry::distanceKm).sum();

    if (settings.shifts().isEmpty()) {
      assertThat(outcome.numberOfTrips()).isGreaterThanOrEqualTo(250);
    }
    assertThat(book).hasSize(outcome.numberOfTrips());
    assertThat(outcome.unallocated()).isPositive().isLessThan(outcome.numberOfTrips());
    assertThat(book.stream().filter(e -> e.simulationVehicleId() == -1).count())
        .isEqualTo(outcome.unallocated());
    assertThat(outcome.unallocatedPerDay().stream().mapToInt(UnallocatedDay::unallocated).sum())
        .isEqualTo(outcome.unallocated());
    assertThat(outcome.unallocatedPerDay()).hasSize(31);

    for (Consequences c : List.of(outcome.current(), outcome.simulated())) {
      // km conserved
      assertThat(c.allocatedKm() + c.unallocatedKm()).isCloseTo(totalKm, EPS);
      // total = sum of parts
      assertThat(c.totalCost())
          .isCloseTo(
              c.mileageAllowance() + c.fixedCost() + c.runningCost() + c.societalCost(), EPS);
    }
    assertThat(outcome.current().unallocatedKm()).isZero();
    for (List<VehicleUsage> usage : List.of(outcome.currentUsage(), outcome.simulatedUsage())) {
      assertThat(usage.stream().mapToDouble(VehicleUsage::allocatedKm).sum())
          .isCloseTo(totalKm, EPS);
      for (VehicleUsage row : usage) {
        assertThat(row.totalYearlyCost())
            .isCloseTo(row.yearlyCost() + row.yearlyRunningCost() + row.yearlySocietalCost(), EPS);
      }
    }
    assertThat(outcome.simulatedUsage().stream().mapToDouble(VehicleUsage::totalYearlyCost).sum())
        .isCloseTo(outcome.simulated().totalCost(), EPS);
    assertThat(outcome.currentUsage().stream().mapToDouble(VehicleUsage::totalYearlyCost).sum())
        .isCloseTo(outcome.current().totalCost(), EPS);
    assertThat(outcome.simulatedUsage()).hasSize(input.simulatedFleet().size() + 1);
    assertThat(outcome.currentUsage()).hasSize(input.currentFleet().size() + 1);

    // savings
    assertThat(outcome.financialSavings())
        .isCloseTo(outcome.current().totalCost() - outcome.simulated().totalCost(), EPS);
    assertThat(outcome.co2eSavingsTonnes())
        .isEqualTo(
            Math.round((outcome.current().co2eTonnes() - outcome.simulated().co2eTonnes()) * 1000)
                / 1000.0);

    // every fleet kind was used, and every booking respects availability and the bike rules
    assertThat(book).extracting(DrivingBookEntry::simulationType).contains(1, 2, 3, 4, -1);
    assertBookingsRespectTheRules(input, outcome);

    // distributions: each fleet's trips fall in exactly one bin of one type
    for (int fleet = 0; fleet < 2; fleet++) {
      int f = fleet;
      int binned =
          outcome.distributions().values().stream()
              .flatMap(List::stream)
              .mapToInt(b -> f == 0 ? b.current() : b.simulated())
              .sum();
      assertThat(binned).isEqualTo(outcome.numberOfTrips());
    }
    assertThat(outcome.distributions().values()).allSatisfy(bins -> assertThat(bins).hasSize(20));

    assertExportsReadBack(outcome);
  }

  private static void assertBookingsRespectTheRules(
      SimulationInput input, SimulationOutcome outcome) {
    // bikes take only trips under max_km_pr_trip (15 km) inside the bike slot (07:00-15:30)
    ZoneId zone = input.settings().zone();
    for (DrivingBookEntry e : outcome.drivingBook()) {
      if (e.simulationType() == 1 || e.simulationType() == 2) {
        assertThat(e.distanceKm()).isLessThan(15);
        ZonedDateTime start = e.start().atZone(zone);
        ZonedDateTime end = e.end().atZone(zone);
        assertThat(start.toLocalTime()).isAfterOrEqualTo(java.time.LocalTime.of(7, 0));
        assertThat(end.toLocalTime()).isBeforeOrEqualTo(java.time.LocalTime.of(15, 30));
      }
    }
    // a vehicle never holds two bookings closer than sub_time (5 min); the EV clones share id 2200
    // in the driving book, so they are left out of this check
    Map<Long, Instant> lastEnd = new HashMap<>();
    for (DrivingBookEntry e : outcome.drivingBook()) {
      if (e.simulationVehicleId() < 0 || e.simulationVehicleId() == 2200) {
        continue;
      }
      Instant previous = lastEnd.get(e.simulationVehicleId());
      if (previous != null) {
        assertThat(e.start()).isAfter(previous.plus(Duration.ofMinutes(5)));
      }
      lastEnd.put(e.simulationVehicleId(), e.end());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void noVehicleIsEverBookedTwiceAtOnce(String name, SimulationSettings settings, boolean limitKm) {
    SimulationInput input = input(settings, limitKm);
    PreparedTrips prepared = new FleetSimulation().prepare(input);
    FleetInventory fleet =
        new FleetInventory(input.simulatedFleet(), settings, prepared.periodDays(), limitKm);
    Allocation allocation =
        new GreedyAllocator()
            .allocate(
                prepared.trips(),
                fleet,
                settings,
                new AllocationContext(
                    ProgressListener.NONE, Cancellation.NEVER, prepared.periodDays(), 0, 1));
    // per vehicle index (the EV clones apart), bookings are in start order and each starts more
    // than sub_time (5 min) after the previous one ended
    Map<Integer, Instant> lastEnd = new HashMap<>();
    double[] km = new double[fleet.vehicles().size()];
    for (int i = 0; i < prepared.trips().size(); i++) {
      int taker = allocation.vehicleIndex(i);
      if (taker == Allocation.UNALLOCATED) {
        continue;
      }
      SimTrip trip = prepared.trips().get(i);
      Instant previous = lastEnd.get(taker);
      if (previous != null) {
        assertThat(trip.start()).isAfter(previous.plus(Duration.ofMinutes(5)));
      }
      lastEnd.put(taker, trip.end());
      km[taker] += trip.distanceKm();
    }
    for (SimulatedVehicle vehicle : fleet.vehicles()) {
      assertThat(vehicle.kmDriven()).isCloseTo(km[vehicle.index()], EPS);
    }
    // the three identical EVs shared the work: all of them were used
    assertThat(fleet.vehicles())
        .filteredOn(v -> v.vehicle().type() == VehicleType.EV)
        .allSatisfy(v -> assertThat(v.tripCount()).isPositive());
  }

  private static void assertExportsReadBack(SimulationOutcome outcome) throws IOException {
    String csv = SimulationExports.drivingBookCsv(outcome);
    String[] lines = csv.split("\r\n");
    assertThat(lines).hasSize(outcome.numberOfTrips() + 1);
    assertThat(lines[0]).startsWith("trip_id,start_time,end_time,distance");
    assertThat(lines[1].split(",")).hasSize(10);

    String usageCsv = SimulationExports.vehicleUsageCsv(outcome);
    String[] usageLines = usageCsv.split("\r\n");
    assertThat(usageLines)
        .hasSize(1 + outcome.currentUsage().size() + outcome.simulatedUsage().size());
    assertThat(usageLines[1]).startsWith("current,-1,Benzin Medarbejderbil,");

    byte[] xlsx = SimulationExports.xlsx(outcome);
    try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
      assertThat(workbook.getSheets().map(Sheet::getName))
          .containsExactly("Opsummering", "Køretøjer", "Kørebog");
      Sheet summary = workbook.getSheet(0).orElseThrow();
      List<Row> summaryRows = summary.read();
      assertThat(summaryRows.get(0).getCellAsNumber(1).orElseThrow().intValue())
          .isEqualTo(outcome.numberOfTrips());
      assertThat(summaryRows.get(4).getCellAsNumber(1).orElseThrow().doubleValue())
          .isCloseTo(outcome.financialSavings(), within(1e-3));
      List<Row> bookRows = workbook.getSheet(2).orElseThrow().read();
      assertThat(bookRows).hasSize(outcome.numberOfTrips() + 1);
      DrivingBookEntry first = outcome.drivingBook().get(0);
      assertThat(bookRows.get(1).getCellText(0)).isEqualTo(first.tripId());
      assertThat(bookRows.get(1).getCellAsNumber(3).orElseThrow().doubleValue())
          .isCloseTo(first.distanceKm(), within(1e-9));
      assertThat(bookRows.get(1).getCellText(4)).isEqualTo(first.currentVehicleName());
      List<Row> usageRows = workbook.getSheet(1).orElseThrow().read();
      assertThat(usageRows).hasSize(usageLines.length);
      assertThat(usageRows.get(1).getCellText(2)).isEqualTo("Benzin Medarbejderbil");
    }
  }
}
