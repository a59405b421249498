package dev.signalyard.streams.simulation;

import dev.signalyard.fleet.goalseek.GoalSeek;
import dev.signalyard.fleet.goalseek.GoalSeekOutcome;
import dev.signalyard.fleet.goalseek.GoalSeekRequest;
import dev.signalyard.fleet.simulation.Cancellation;
import dev.signalyard.fleet.simulation.ProgressListener;
import dev.signalyard.fleet.simulation.SimTrip;
import dev.signalyard.fleet.simulation.SimulationCancelledException;
import dev.signalyard.fleet.simulation.SimulationSettings;
import dev.signalyard.fleet.simulation.Vehicle;
import dev.signalyard.schemas.fleet.FleetVehicle;
import dev.signalyard.schemas.fleet.SimulationKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs goal seeks ({@link SimulationKind#GOAL_SEEK}): reads the request ({@link
 * GoalSeekRequestJson}), today's fleet, the fixed and test vehicles, the settings and the period's
 * roundtrips from {@link FleetData} the way {@link ManualSimulationRunner} does, runs {@link
 * GoalSeek} (progress after every generation, cancellation checked as often) and returns its {@link
 * GoalSeekOutcome} as JSON: the best five fleets, each with today's and the proposed yearly cost
 * and CO2e.
 *
 * <p>The same request over the same fleet data gives the same document: the genetic search draws
 * from its own seeded generator per run.
 *
 * <p>Thread-safety: thread-safe when the goal seek's allocators are; every run has its own state.
 */
public final class GoalSeekRunner implements SimulationRunner {

  /** Share of the progress bar spent reading the fleet data. */
  private static final double READING = 0.05;

  private final FleetData data;
  private final GoalSeek goalSeek;
  private final JsonMapper json;

  /**
   * @param data where vehicles, settings and roundtrips are read
   * @param goalSeek the search, with its allocators and genetic parameters
   * @param json the mapper of request and result documents
   */
  public GoalSeekRunner(FleetData data, GoalSeek goalSeek, JsonMapper json) {
    this.data = data;
    this.goalSeek = goalSeek;
    this.json = json;
  }

  @Override
  public SimulationKind kind() {
    return SimulationKind.GOAL_SEEK;
  }

  @Override
  public String run(SimulationRun run, ProgressListener progress, Cancellation cancel) {
    GoalSeekRequestJson request = parse(run.requestJson());
    progress.progress(0, "reading fleet data");
    Map<Long, FleetVehicle> vehicles = data.vehicles();
    SimulationSettings settings = SimulationSettings.fromMap(data.settings());
    List<Vehicle> current = SimulationFleets.current(request.currentFleet(), vehicles);
    Map<Long, Vehicle> named = new LinkedHashMap<>();
    current.forEach(v -> named.put(v.id(), v));
    collect("fixedVehicleIds", request.fixedVehicleIds(), vehicles, named);
    collect("testVehicleIds", request.testVehicleIds(), vehicles, named);
    SimulationSettings effective = settings.withOverrides(request.settings());
    List<SimTrip> trips =
        SimulationFleets.tripsAround(data, current, request.from(), request.to(), effective.zone());
    if (cancel.isCancelled()) {
      throw new SimulationCancelledException();
    }
    GoalSeekRequest input =
        new GoalSeekRequest(
            trips,
            List.copyOf(named.values()),
            current.stream().map(Vehicle::id).toList(),
            request.fixedVehicleIds(),
            request.testVehicleIds(),
            request.prioritisation(),
            request.limitKm(),
            request.intelligentAllocation(),
            settings,
            request.settings(),
            request.from(),
            request.to());
    GoalSeekOutcome outcome =
        goalSeek.run(
            input,
            (fraction, message) -> progress.progress(READING + (1 - READING) * fraction, message),
            cancel);
    return json.writeValueAsString(outcome);
  }

  private static void collect(
      String field, List<Long> ids, Map<Long, FleetVehicle> vehicles, Map<Long, Vehicle> named) {
    for (int i = 0; i < ids.size(); i++) {
      long id = ids.get(i);
      if (!named.containsKey(id)) {
        named.put(id, SimulationFleets.named(vehicles, id, field + "[" + i + "]"));
      }
    }
  }

  private GoalSeekRequestJson parse(String requestJson) {
    try {
      return json.readValue(requestJson, GoalSeekRequestJson.class);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("unreadable goal-seek request: " + e.getOriginalMessage());
    }
  }
}
