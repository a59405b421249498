package dev.signalyard.streams.simulation;

import dev.signalyard.fleet.simulation.Cancellation;
import dev.signalyard.fleet.simulation.FleetSimulation;
import dev.signalyard.fleet.simulation.ProgressListener;
import dev.signalyard.fleet.simulation.SimTrip;
import dev.signalyard.fleet.simulation.SimulationCancelledException;
import dev.signalyard.fleet.simulation.SimulationInput;
import dev.signalyard.fleet.simulation.SimulationOutcome;
import dev.signalyard.fleet.simulation.SimulationSettings;
import dev.signalyard.fleet.simulation.Vehicle;
import dev.signalyard.schemas.fleet.FleetVehicle;
import dev.signalyard.schemas.fleet.SimulationKind;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs manual fleet simulations ({@link SimulationKind#SIMULATION}): reads the request, the
 * vehicles, settings and roundtrips of the period from {@link FleetData}, runs {@link
 * FleetSimulation} and returns its {@link SimulationOutcome} as JSON (the document query-api serves
 * and exports).
 *
 * <p>Thread-safety: thread-safe; every run has its own state.
 */
public final class ManualSimulationRunner implements SimulationRunner {

  /** Share of the progress bar spent reading the fleet data. */
  private static final double READING = 0.05;

  private final FleetData data;
  private final FleetSimulation simulation;
  private final JsonMapper json;

  /**
   * @param simulation the model, with its allocators
   * @param json the mapper of request and result documents
   */
  public ManualSimulationRunner(FleetData data, FleetSimulation simulation, JsonMapper json) {
    this.data = data;
    this.simulation = simulation;
    this.json = json;
  }

  @Override
  public SimulationKind kind() {
    return SimulationKind.SIMULATION;
  }

  @Override
  public String run(SimulationRun run, ProgressListener progress, Cancellation cancel) {
    SimulationRequest request = parse(run.requestJson());
    progress.progress(0, "reading fleet data");
    Map<Long, FleetVehicle> vehicles = data.vehicles();
    SimulationSettings settings =
        SimulationSettings.fromMap(data.settings()).withOverrides(request.settings());
    List<Vehicle> current = SimulationFleets.current(request, vehicles);
    List<Vehicle> simulated = SimulationFleets.simulated(request, vehicles);
    List<SimTrip> trips =
        SimulationFleets.tripsAround(data, current, request.from(), request.to(), settings.zone());
    if (cancel.isCancelled()) {
      throw new SimulationCancelledException();
    }
    SimulationInput input =
        new SimulationInput(
            trips,
            current,
            simulated,
            settings,
            request.intelligentAllocation(),
            request.limitKm(),
            request.from(),
            request.to());
    SimulationOutcome outcome =
        simulation.run(
            input,
            (fraction, message) -> progress.progress(READING + (1 - READING) * fraction, message),
            cancel);
    return json.writeValueAsString(outcome);
  }

  private SimulationRequest parse(String requestJson) {
    try {
      return json.readValue(requestJson, SimulationRequest.class);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "unreadable simulation request: " + e.getOriginalMessage());
    }
  }
}
