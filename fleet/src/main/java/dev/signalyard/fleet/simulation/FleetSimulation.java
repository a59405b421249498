package dev.signalyard.fleet.simulation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Runs a manual fleet simulation: prepares the trips ({@link #prepare}), books them on the current
 * fleet (each on the car that drove it, no checks) and on the simulated fleet (through a {@link
 * TripAllocator}), prices both fleets ({@link ConsequenceCalculator}) and builds the outputs.
 *
 * <p>With {@code intelligentAllocation} the intelligent allocator is used; when none was given the
 * greedy one is used instead. Thread-safe when its allocators are: every run has its own state.
 */
public final class FleetSimulation {
  /** Simulation vehicle name of an unallocated trip in the driving book. */
  public static final String UNALLOCATED_NAME = "Ikke allokeret";

  private static final int BINS = 20;

  private final TripAllocator greedy;
  private final TripAllocator intelligent;

  /**
   * @param greedy the default allocator
   * @param intelligent the allocator for {@code intelligentAllocation}; null falls back to greedy
   */
  public FleetSimulation(TripAllocator greedy, TripAllocator intelligent) {
    this.greedy = Objects.requireNonNull(greedy, "greedy");
    this.intelligent = intelligent == null ? greedy : intelligent;
  }

  /** A simulation with the greedy allocator only. */
  public FleetSimulation() {
    this(new GreedyAllocator(), null);
  }

  /**
   * Runs the simulation.
   *
   * @throws SimulationCancelledException when {@code cancel} says so
   * @throws IllegalArgumentException naming the field when a vehicle lacks what its type needs
   */
  public SimulationOutcome run(
      SimulationInput input, ProgressListener progress, Cancellation cancel) {
    SimulationSettings settings = input.settings();
    progress.progress(0, "preparing trips");
    PreparedTrips prepared = prepare(input);
    List<SimTrip> trips = prepared.trips();
    double days = prepared.periodDays();
    checkCancelled(cancel);

    Map<Long, Integer> currentIndex = new HashMap<>();
    for (int i = 0; i < input.currentFleet().size(); i++) {
      currentIndex.putIfAbsent(input.currentFleet().get(i).id(), i);
    }
    int[] currentTaker = new int[trips.size()];
    for (int i = 0; i < trips.size(); i++) {
      currentTaker[i] = currentIndex.get(trips.get(i).currentVehicleId());
    }

    progress.progress(0.1, "allocating trips");
    Allocation allocation =
        allocate(
            prepared,
            input.simulatedFleet(),
            settings,
            input.intelligentAllocation(),
            input.limitKm(),
            new AllocationContext(progress, cancel, days, 0.1, 0.9));
    checkCancelled(cancel);

    ConsequenceCalculator calculator = new ConsequenceCalculator(settings);
    ConsequenceCalculator.FleetCost current =
        price(calculator, input.currentFleet(), trips, Allocation.of(currentTaker), days);
    ConsequenceCalculator.FleetCost simulated =
        price(calculator, input.simulatedFleet(), trips, allocation, days);
    progress.progress(0.95, "building outputs");

    SimulationOutcome outcome =
        new SimulationOutcome(
            trips.size(),
            allocation.unallocatedCount(),
            current.consequences(),
            simulated.consequences(),
            current.consequences().totalCost() - simulated.consequences().totalCost(),
            round3(current.consequences().co2eTonnes() - simulated.consequences().co2eTonnes()),
            drivingBook(trips, input, currentTaker, allocation),
            unallocatedPerDay(trips, allocation, input.from(), input.to(), settings.zone()),
            distributions(trips, input, currentTaker, allocation),
            current.usage(),
            simulated.usage());
    progress.progress(1, "done");
    return outcome;
  }

  /**
   * Only the yearly consequences of a simulated fleet on prepared trips: the fast path for callers
   * that simulate many fleets on the same trips (goal seek).
   */
  public Consequences simulatedConsequences(
      PreparedTrips prepared,
      List<Vehicle> simulatedFleet,
      SimulationSettings settings,
      boolean intelligentAllocation,
      boolean limitKm,
      Cancellation cancel) {
    validateFleet("simulatedFleet", simulatedFleet);
    Allocation allocation =
        allocate(
            prepared,
            simulatedFleet,
            settings,
            intelligentAllocation,
            limitKm,
            new AllocationContext(ProgressListener.NONE, cancel, prepared.periodDays(), 0, 1));
    return price(
            new ConsequenceCalculator(settings),
            simulatedFleet,
            prepared.trips(),
            allocation,
            prepared.periodDays())
        .consequences();
  }

  /**
   * Filters the trips to the inclusive period (start at or after {@code from} 00:00, end at or
   * before the day after {@code to} 00:00, local time) and to cars of the current fleet, merges
   * them into shift blocks when shifts are set, and sorts them by start.
   *
   * @throws IllegalArgumentException naming the field when a vehicle lacks what its type needs
   */
  public PreparedTrips prepare(SimulationInput input) {
    validateFleet("currentFleet", input.currentFleet());
    validateFleet("simulatedFleet", input.simulatedFleet());
    ZoneId zone = input.settings().zone();
    Instant from = input.from().atStartOfDay(zone).toInstant();
    Instant until = input.to().plusDays(1).atStartOfDay(zone).toInstant();
    Set<Long> currentIds = new HashSet<>();
    input.currentFleet().forEach(v -> currentIds.add(v.id()));
    List<SimTrip> inPeriod = new ArrayList<>();
    for (SimTrip trip : input.trips()) {
      if (!trip.start().isBefore(from)
          && !trip.end().isAfter(until)
          && currentIds.contains(trip.currentVehicleId())) {
        inPeriod.add(trip);
      }
    }
    List<SimTrip> merged = ShiftBlocks.merge(inPeriod, input.settings().shifts(), zone);
    return new PreparedTrips(merged, PeriodDays.of(merged));
  }

  private Allocation allocate(
      PreparedTrips prepared,
      List<Vehicle> fleet,
      SimulationSettings settings,
      boolean intelligentAllocation,
      boolean limitKm,
      AllocationContext context) {
    FleetInventory inventory = new FleetInventory(fleet, settings, prepared.periodDays(), limitKm);
    TripAllocator allocator = intelligentAllocation ? intelligent : greedy;
    Allocation allocation = allocator.allocate(prepared.trips(), inventory, settings, context);
    if (allocation.size() != prepared.trips().size()) {
      throw new IllegalStateException(
          "allocator returned "
              + allocation.size()
              + " bookings for "
              + prepared.trips().size()
              + " trips");
    }
    return allocation;
  }

  private static ConsequenceCalculator.FleetCost price(
      ConsequenceCalculator calculator,
      List<Vehicle> fleet,
      List<SimTrip> trips,
      Allocation allocation,
      double days) {
    double[] km = new double[fleet.size()];
    double unallocated = 0;
    for (int i = 0; i < trips.size(); i++) {
      int taker = allocation.vehicleIndex(i);
      if (taker == Allocation.UNALLOCATED) {
        unallocated += trips.get(i).distanceKm();
      } else {
        km[taker] += trips.get(i).distanceKm();
      }
    }
    return calculator.price(fleet, km, unallocated, days);
  }

  private static List<DrivingBookEntry> drivingBook(
      List<SimTrip> trips, SimulationInput input, int[] currentTaker, Allocation allocation) {
    List<DrivingBookEntry> book = new ArrayList<>(trips.size());
    for (int i = 0; i < trips.size(); i++) {
      SimTrip trip = trips.get(i);
      Vehicle current = input.currentFleet().get(currentTaker[i]);
      int taker = allocation.vehicleIndex(i);
      Vehicle simulated =
          taker == Allocation.UNALLOCATED ? null : input.simulatedFleet().get(taker);
      book.add(
          new DrivingBookEntry(
              trip.id(),
              trip.start(),
              trip.end(),
              trip.distanceKm(),
              current.name(),
              current.id(),
              current.type().dbId(),
              simulated == null ? UNALLOCATED_NAME : simulated.name(),
              simulated == null ? -1 : simulated.id(),
              simulated == null ? -1 : simulated.type().dbId()));
    }
    return book;
  }

  private static List<UnallocatedDay> unallocatedPerDay(
      List<SimTrip> trips, Allocation allocation, LocalDate from, LocalDate to, ZoneId zone) {
    Map<LocalDate, Integer> counts = new LinkedHashMap<>();
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      counts.put(day, 0);
    }
    for (int i = 0; i < trips.size(); i++) {
      if (allocation.vehicleIndex(i) == Allocation.UNALLOCATED) {
        counts.merge(trips.get(i).start().atZone(zone).toLocalDate(), 1, Integer::sum);
      }
    }
    List<UnallocatedDay> days = new ArrayList<>(counts.size());
    counts.forEach((day, count) -> days.add(new UnallocatedDay(day, count)));
    return days;
  }

  private static Map<String, List<DistanceBin>> distributions(
      List<SimTrip> trips, SimulationInput input, int[] currentTaker, Allocation allocation) {
    double max = 0;
    for (SimTrip trip : trips) {
      max = Math.max(max, trip.distanceKm());
    }
    double width = max > 0 ? max / BINS : 1.0 / BINS;
    Map<String, int[][]> counts = new LinkedHashMap<>();
    for (VehicleType type : VehicleType.values()) {
      counts.put(type.displayName(), new int[2][BINS]);
    }
    counts.put(UNALLOCATED_NAME, new int[2][BINS]);
    for (int i = 0; i < trips.size(); i++) {
      int bin = Math.min(BINS - 1, (int) (trips.get(i).distanceKm() / width));
      String currentType = input.currentFleet().get(currentTaker[i]).type().displayName();
      counts.get(currentType)[0][bin]++;
      int taker = allocation.vehicleIndex(i);
      String simulatedType =
          taker == Allocation.UNALLOCATED
              ? UNALLOCATED_NAME
              : input.simulatedFleet().get(taker).type().displayName();
      counts.get(simulatedType)[1][bin]++;
    }
    Map<String, List<DistanceBin>> result = new LinkedHashMap<>();
    counts.forEach(
        (name, c) -> {
          List<DistanceBin> bins = new ArrayList<>(BINS);
          for (int b = 0; b < BINS; b++) {
            bins.add(new DistanceBin(b * width, (b + 1) * width, c[0][b], c[1][b]));
          }
          result.put(name, List.copyOf(bins));
        });
    return result;
  }

  private static void validateFleet(String field, List<Vehicle> fleet) {
    for (int i = 0; i < fleet.size(); i++) {
      Vehicle v = fleet.get(i);
      if (v.type() == VehicleType.FOSSIL && !(v.wltpFossil() != null && v.wltpFossil() > 0)) {
        throw new IllegalArgumentException(
            field + "[" + i + "].wltpFossil must be > 0 for a fossil car");
      }
      if (v.type() == VehicleType.EV && !(v.wltpEl() != null && v.wltpEl() > 0)) {
        throw new IllegalArgumentException(field + "[" + i + "].wltpEl must be > 0 for an EV");
      }
    }
  }

  private static void checkCancelled(Cancellation cancel) {
    if (cancel.isCancelled()) {
      throw new SimulationCancelledException();
    }
  }

  private static double round3(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
