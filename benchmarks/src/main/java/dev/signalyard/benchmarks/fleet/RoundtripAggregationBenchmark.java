package dev.signalyard.benchmarks.fleet;

import dev.signalyard.fleet.roundtrips.AggregatedRoundtrip;
import dev.signalyard.fleet.roundtrips.AggregationSettings;
import dev.signalyard.fleet.roundtrips.RoundtripAggregator;
import dev.signalyard.fleet.roundtrips.StartPoint;
import dev.signalyard.fleet.roundtrips.TripLog;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of {@link RoundtripAggregator#aggregate} (pre-clean, four home-criterion runs,
 * post-processing, scoring) over a generated fleet ({@link RoundtripTripGenerator}, fixed seed):
 * {@code vehicles} vehicles &times; one year, every location's spots as starts.
 *
 * <p>One operation aggregates one vehicle's year (vehicles taken in turn). The auxiliary counter
 * {@code trips} counts the trips handed to the aggregator, so JMH reports it directly as trips per
 * second ({@code RoundtripAggregationBenchmark.aggregate:trips}); the primary score is
 * vehicle-years per second. Run it with {@code benchmarks/run-roundtrip-benchmark.sh}; results in
 * {@code docs/fleet.md}.
 *
 * <p>State is per benchmark (read-only fleet) and per thread (cursor and counter).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RoundtripAggregationBenchmark {

  /** The generated fleet, shared read-only by all threads. */
  @State(Scope.Benchmark)
  public static class Fleet {

    /** Number of vehicles; the data set is 500 vehicles over one year. */
    @Param("500")
    public int vehicles;

    /** Number of locations the vehicles are based at. */
    @Param("50")
    public int locations;

    List<List<TripLog>> trips;
    List<StartPoint> starts;
    RoundtripAggregator aggregator;

    /** Generates the fleet (deterministic, seed 20260301). */
    @Setup(Level.Trial)
    public void generate() {
      RoundtripTripGenerator generator = new RoundtripTripGenerator(20260301L, locations);
      starts = generator.starts();
      trips = new ArrayList<>(vehicles);
      long total = 0;
      for (int v = 0; v < vehicles; v++) {
        List<TripLog> vehicleTrips = generator.vehicleTrips(v, LocalDate.of(2025, 1, 1), 365);
        trips.add(vehicleTrips);
        total += vehicleTrips.size();
      }
      aggregator = new RoundtripAggregator(AggregationSettings.defaults());
      System.out.printf(
          "%nfleet: %d vehicles, %d trips (%.0f per vehicle-year), %d starts%n",
          vehicles, total, (double) total / vehicles, starts.size());
    }
  }

  /** Per-thread cursor over the vehicles and the trips counter JMH reports as a rate. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class TripCounter {

    /** Trips aggregated; reported per second. */
    public long trips;

    int next;
  }

  /**
   * Aggregates the next vehicle's year.
   *
   * @return the roundtrips (returned so the JIT cannot drop the work)
   */
  @Benchmark
  public List<AggregatedRoundtrip> aggregate(Fleet fleet, TripCounter counter) {
    int vehicle = counter.next;
    counter.next = (vehicle + 1) % fleet.vehicles;
    List<TripLog> vehicleTrips = fleet.trips.get(vehicle);
    counter.trips += vehicleTrips.size();
    return fleet.aggregator.aggregate(vehicleTrips, fleet.starts);
  }
}
