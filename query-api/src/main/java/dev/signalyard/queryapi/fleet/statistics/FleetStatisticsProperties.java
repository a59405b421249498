package dev.signalyard.queryapi.fleet.statistics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the fleet usage statistics and their streams.
 *
 * <p>Thread-safety: immutable.
 *
 * @param utilisationHoursPerDay Hours of a vehicle-day that count as available when utilisation is
 *     computed: utilisation = driving time &divide; (vehicles &times; days &times; this). 24
 *     measures against the whole day; a working day (e.g. 8) gives figures closer to a dashboard's
 *     intuition.
 * @param maxSpanDays Longest {@code from}..{@code to} span a statistics query may ask for.
 * @param maxHourSpanDays Longest span of {@code /driving-data?bucket=hour}, whose rows are per
 *     vehicle and hour.
 */
@ConfigurationProperties("signalyard.fleet.statistics")
public record FleetStatisticsProperties(
    @DefaultValue("24") double utilisationHoursPerDay,
    @DefaultValue("731") int maxSpanDays,
    @DefaultValue("31") int maxHourSpanDays) {

  public FleetStatisticsProperties {
    if (utilisationHoursPerDay <= 0 || utilisationHoursPerDay > 24) {
      throw new IllegalArgumentException(
          "signalyard.fleet.statistics.utilisation-hours-per-day must be in (0, 24]");
    }
    if (maxSpanDays < 1 || maxHourSpanDays < 1) {
      throw new IllegalArgumentException(
          "signalyard.fleet.statistics.max-span-days and max-hour-span-days must be >= 1");
    }
  }
}
