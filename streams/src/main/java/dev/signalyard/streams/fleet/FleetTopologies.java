package dev.signalyard.streams.fleet;

import java.time.Clock;
import org.apache.kafka.streams.StreamsBuilder;

/**
 * The fleet topologies together: the global stores of fleet reference data (locations, vehicles,
 * settings), roundtrip aggregation from the trips ({@link RoundtripTopology}) and daily usage from
 * the roundtrips ({@link DailyUsageTopology}). The streams service, the tests and the benchmark all
 * build them through here, so they run the very same topology.
 *
 * <p>Thread-safety: stateless.
 */
public final class FleetTopologies {

  private FleetTopologies() {}

  /**
   * Adds the global stores and both topologies to {@code builder}. The reference topics may be read
   * only once per builder, so nothing else may add fleet-locations, fleet-vehicles or
   * fleet-settings to it.
   *
   * @param clock time of dead letters
   */
  public static void build(StreamsBuilder builder, FleetStreamsProperties properties, Clock clock) {
    FleetReference.addGlobalStores(builder);
    RoundtripTopology.build(builder, properties, clock);
    DailyUsageTopology.build(builder, properties, clock);
  }
}
