package dev.signalyard.fleet.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The stored scenario that {@link ScenarioTest} runs on is large and mixed enough, self-consistent,
 * and read back exactly as written.
 */
class ScenarioFilesTest {
  private static final ScenarioData SCENARIO = ScenarioFiles.load();

  @Test
  void holdsAtLeast250TripsAndAllFourVehicleKinds() {
    assertThat(SCENARIO.trips()).hasSizeGreaterThanOrEqualTo(250);
    assertThat(SCENARIO.simulatedFleet())
        .extracting(Vehicle::type)
        .containsOnly(VehicleType.values());
    assertThat(SCENARIO.currentFleet())
        .extracting(Vehicle::type)
        .contains(VehicleType.FOSSIL, VehicleType.EV);
  }

  @Test
  void tripsAreDrivenByTheCurrentFleetInsideThePeriod() {
    Set<Long> currentIds =
        SCENARIO.currentFleet().stream().map(Vehicle::id).collect(Collectors.toSet());
    assertThat(currentIds).hasSameSizeAs(SCENARIO.currentFleet());
    assertThat(SCENARIO.trips().stream().map(SimTrip::id).distinct())
        .hasSameSizeAs(SCENARIO.trips());
    ZoneId zone = SimulationSettings.defaults().zone();
    for (SimTrip trip : SCENARIO.trips()) {
      assertThat(currentIds).contains(trip.currentVehicleId());
      LocalDate day = trip.start().atZone(zone).toLocalDate();
      assertThat(day).isBetween(SCENARIO.from(), SCENARIO.to());
      assertThat(trip.segments()).isNotEmpty();
      assertThat(trip.segments().get(0).start()).isEqualTo(trip.start());
      assertThat(trip.segments().get(trip.segments().size() - 1).end()).isEqualTo(trip.end());
      assertThat(trip.segments().stream().mapToDouble(Segment::distanceKm).sum())
          .isCloseTo(trip.distanceKm(), within(1e-9));
    }
  }

  @Test
  void writingTheLoadedScenarioGivesTheStoredFilesBack() {
    assertThat(ScenarioFiles.vehiclesCsv(SCENARIO.currentFleet(), SCENARIO.simulatedFleet()))
        .isEqualTo(ScenarioFiles.resource(ScenarioFiles.VEHICLES_FILE));
    assertThat(ScenarioFiles.tripsCsv(SCENARIO.trips()))
        .isEqualTo(ScenarioFiles.resource(ScenarioFiles.TRIPS_FILE));
  }

  @Test
  void aMalformedRowIsRejectedNamingTheFile() {
    String vehicles = ScenarioFiles.resource(ScenarioFiles.VEHICLES_FILE);
    String trips = ScenarioFiles.resource(ScenarioFiles.TRIPS_FILE);

    assertThatThrownBy(() -> ScenarioFiles.parse(vehicles + "current,1,Short row\n", trips))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(ScenarioFiles.VEHICLES_FILE)
        .hasMessageContaining("expected 12 fields, got 3");
    assertThatThrownBy(
            () ->
                ScenarioFiles.parse(
                    vehicles, trips + "x-1,1000,2026-03-02T07:00:00Z,not-a-time,1.0,\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(ScenarioFiles.TRIPS_FILE)
        .hasMessageContaining("not-a-time");
    assertThatThrownBy(
            () -> ScenarioFiles.parse(vehicles.replace("current,1000,", "spare,1000,"), trips))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fleet must be current or simulated");
  }
}
