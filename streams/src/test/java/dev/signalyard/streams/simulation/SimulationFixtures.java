package dev.signalyard.streams.simulation;

import dev.signalyard.fleet.simulation.FleetSimulation;
import dev.signalyard.schemas.fleet.AggregationType;
import dev.signalyard.schemas.fleet.FleetVehicle;
import dev.signalyard.schemas.fleet.Roundtrip;
import dev.signalyard.schemas.fleet.RoundtripSegment;
import dev.signalyard.schemas.fleet.SimulationAction;
import dev.signalyard.schemas.fleet.SimulationCommand;
import dev.signalyard.schemas.fleet.SimulationKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small fleet for the simulation tests: location 1 with petrol car 1 (20 km/l, 30,000 DKK a
 * year), and EV 2 (150 Wh/km, 25,000 DKK a year) as a test vehicle to simulate with. Car 1 drove
 * one 40 km roundtrip a day from 5 to 9 January 2026.
 */
final class SimulationFixtures {

  static final Instant REQUESTED = Instant.parse("2026-02-01T08:00:00Z");
  static final int TRIPS = 5;

  /** Simulate car 1's January trips on one EV, UTC. */
  static final String REQUEST =
      """
      {"from": "2026-01-01", "to": "2026-01-31", "locationIds": [1],
       "simulatedFleet": [{"vehicleId": 2, "count": 1}],
       "intelligentAllocation": false, "limitKm": false,
       "settings": {"time_zone": "UTC"}}
      """;

  private SimulationFixtures() {}

  static FleetVehicle petrolCar() {
    return vehicle(1, 4, 1, 20.0, null, false);
  }

  static FleetVehicle electricCar() {
    return vehicle(2, 3, 3, null, 150.0, true);
  }

  static FleetVehicle vehicle(
      long id, int typeId, int fuelId, Double wltpFossil, Double wltpEl, boolean testVehicle) {
    return FleetVehicle.newBuilder()
        .setId(id)
        .setPlate("AB1234" + id)
        .setMake(typeId == 3 ? "Renault" : "Toyota")
        .setModel(typeId == 3 ? "Zoe" : "Yaris")
        .setTypeId(typeId)
        .setFuelId(fuelId)
        .setWltpFossil(wltpFossil)
        .setWltpEl(wltpEl)
        .setOmkostningAar(typeId == 3 ? 25_000.0 : 30_000.0)
        .setLocationId(1L)
        .setTestVehicle(testVehicle)
        .setUpdatedAt(REQUESTED)
        .build();
  }

  /** Car 1's roundtrips: one a day, 08:00 to 16:00 UTC, 40 km, from 5 January 2026. */
  static List<Roundtrip> roundtrips(int days) {
    List<Roundtrip> roundtrips = new ArrayList<>();
    for (int day = 0; day < days; day++) {
      Instant start = Instant.parse("2026-01-05T08:00:00Z").plusSeconds(day * 86_400L);
      Instant end = start.plusSeconds(8 * 3600);
      roundtrips.add(
          Roundtrip.newBuilder()
              .setId("1-" + start.toEpochMilli())
              .setVehicleId(1)
              .setStartTime(start)
              .setEndTime(end)
              .setStartLatitude(55.67)
              .setStartLongitude(12.56)
              .setEndLatitude(55.67)
              .setEndLongitude(12.56)
              .setDistanceKm(40)
              .setAggregationType(AggregationType.COMPLETE)
              .setStartLocationId(1L)
              .setSegments(
                  List.of(
                      new RoundtripSegment("t" + day + "a", 20.0, start, start.plusSeconds(3600)),
                      new RoundtripSegment("t" + day + "b", 20.0, end.minusSeconds(3600), end)))
              .build());
    }
    return roundtrips;
  }

  static SimulationCommand command(String id, SimulationAction action) {
    return SimulationCommand.newBuilder()
        .setId(id)
        .setKind(SimulationKind.SIMULATION)
        .setAction(action)
        .setRequestJson(REQUEST)
        .setRequestedBy("planner")
        .setRequestedAt(REQUESTED)
        .build();
  }

  /** The manual runner over the fleet above, held in memory. */
  static ManualSimulationRunner runner() {
    return new ManualSimulationRunner(
        new InMemoryFleetData(), new FleetSimulation(), JsonMapper.builder().build());
  }

  /** The fixture fleet as {@link FleetData}. */
  static final class InMemoryFleetData implements FleetData {
    @Override
    public Map<Long, FleetVehicle> vehicles() {
      return Map.of(1L, petrolCar(), 2L, electricCar());
    }

    @Override
    public Map<String, String> settings() {
      return Map.of("sub_time", "5");
    }

    @Override
    public List<Roundtrip> roundtrips(Collection<Long> vehicleIds, Instant from, Instant until) {
      return SimulationFixtures.roundtrips(TRIPS).stream()
          .filter(r -> vehicleIds.contains(r.getVehicleId()))
          .filter(r -> !r.getStartTime().isBefore(from) && r.getStartTime().isBefore(until))
          .toList();
    }
  }
}
