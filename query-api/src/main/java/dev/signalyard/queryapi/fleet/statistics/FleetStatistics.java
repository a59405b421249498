package dev.signalyard.queryapi.fleet.statistics;

import dev.signalyard.schemas.fleet.FleetLocation;
import dev.signalyard.schemas.fleet.FleetVehicle;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The usage statistics of the dashboards, computed on request from the in-memory indexes of {@link
 * FleetViews}: sums, time series by fuel, driving data per vehicle and day or hour (aggregated,
 * never one row per trip), availability, KPIs against the previous period, and usage and activity
 * per location. Every figure is documented in {@code docs/fleet.md}.
 *
 * <p>The <em>fleet</em> of a query is the vehicles that pass its filters: every known vehicle (not
 * deleted, not a test vehicle) whose current location passes the location filter, plus every
 * vehicle with usage in the period at a location that passes. Utilisation is driving time &divide;
 * (fleet vehicles &times; days &times; {@link FleetStatisticsProperties#utilisationHoursPerDay()}).
 *
 * <p>Thread-safety: stateless apart from the thread-safe views; any thread may call any method.
 */
public final class FleetStatistics {

  private static final double SECONDS_PER_HOUR = 3600.0;

  /**
   * How far before a period hourly driving data looks for roundtrips whose later segments fall in
   * it: roundtrips stay open 7 days by default, and trips of 20 days or more are dropped.
   */
  private static final long ROUNDTRIP_LOOK_BACK_MILLIS = 20L * 24 * 3600 * 1000;

  private final FleetViews views;
  private final double utilisationHoursPerDay;

  public FleetStatistics(FleetViews views, double utilisationHoursPerDay) {
    this.views = views;
    this.utilisationHoursPerDay = utilisationHoursPerDay;
  }

  /** Totals of a period. */
  public record Sum(
      LocalDate from,
      LocalDate to,
      int vehicles,
      int activeVehicles,
      double km,
      int roundtrips,
      double drivingHours,
      double co2eKg) {}

  /**
   * One period of an overview series.
   *
   * @param period first day of the period (a Monday for weeks, the 1st for months)
   * @param value CO2e kg (emission), km (driven) or electric km share in percent (share)
   * @param byFuel the split of CO2e kg (emission) or of km (driven, share) per fuel group
   */
  public record OverviewPoint(LocalDate period, double value, Map<String, Double> byFuel) {}

  /** A time series for the overview dashboard. */
  public record Overview(
      String view, String interval, LocalDate from, LocalDate to, List<OverviewPoint> points) {}

  /**
   * Driving of one vehicle in one bucket.
   *
   * @param vehicleId the vehicle
   * @param start start of the bucket (UTC midnight for days, the hour for hours)
   * @param km km driven (for hours: km of the trips that started in the hour)
   * @param roundtrips roundtrips started in the bucket
   * @param drivingSeconds seconds of driving (for hours: of the trips that started in the hour)
   */
  public record DrivingRow(
      long vehicleId, Instant start, double km, int roundtrips, long drivingSeconds) {}

  /** Driving data aggregated per vehicle and bucket. */
  public record DrivingData(
      LocalDate from, LocalDate to, String bucket, int rowCount, List<DrivingRow> rows) {}

  /**
   * Availability on one day.
   *
   * @param date the day
   * @param vehicles vehicles of the fleet
   * @param inUse vehicles that drove that day
   * @param available vehicles that did not
   * @param availablePercent available &divide; vehicles, percent (0 without vehicles)
   * @param utilisationPercent the day's utilisation, percent
   */
  public record AvailabilityDay(
      LocalDate date,
      int vehicles,
      int inUse,
      int available,
      double availablePercent,
      double utilisationPercent) {}

  /** Availability per day. */
  public record Availability(LocalDate from, LocalDate to, List<AvailabilityDay> days) {}

  /** The key figures of one period. */
  public record KpiFigures(
      LocalDate from,
      LocalDate to,
      int vehicles,
      int activeVehicles,
      double km,
      int roundtrips,
      double drivingHours,
      double co2eKg,
      double kmPerVehicle,
      double co2eKgPerKm,
      double electricSharePercent,
      double utilisationPercent) {}

  /** The key figures of a period and of the equally long period before it. */
  public record Kpis(KpiFigures current, KpiFigures previous) {}

  /** Usage of one location over a period. */
  public record LocationUsageRow(
      long locationId,
      String address,
      int vehicles,
      int activeVehicles,
      double km,
      int roundtrips,
      double drivingHours,
      double co2eKg,
      double utilisationPercent) {}

  /** Usage per location. */
  public record LocationUsage(LocalDate from, LocalDate to, List<LocationUsageRow> locations) {}

  /** Activity of one location on one day (a heat-map cell). */
  public record ActivityDay(
      LocalDate date, double km, int roundtrips, int activeVehicles, double utilisationPercent) {}

  /** One location's activity per day. */
  public record LocationActivityRow(
      long locationId, String address, int vehicles, List<ActivityDay> days) {}

  /** Activity per location and day. */
  public record LocationActivity(
      LocalDate from, LocalDate to, List<LocationActivityRow> locations) {}

  /** The views an overview series can show. */
  public enum OverviewView {
    EMISSION,
    DRIVEN,
    SHARE
  }

  /** The period lengths of an overview series. */
  public enum Interval {
    DAY,
    WEEK,
    MONTH;

    LocalDate periodOf(LocalDate day) {
      return switch (this) {
        case DAY -> day;
        case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        case MONTH -> day.withDayOfMonth(1);
      };
    }

    LocalDate next(LocalDate period) {
      return switch (this) {
        case DAY -> period.plusDays(1);
        case WEEK -> period.plusWeeks(1);
        case MONTH -> period.plusMonths(1);
      };
    }
  }

  /** One admitted vehicle-day, with the vehicle (null when unknown) and the day's location. */
  private interface DayVisitor {
    void visit(UsageDay day, FleetVehicle vehicle, Long locationId);
  }

  /** The vehicles of the fleet; see the class comment. */
  private Map<Long, FleetVehicle> fleet(StatisticsFilter filter) {
    Map<Long, FleetVehicle> fleet = new HashMap<>();
    for (FleetVehicle vehicle : views.vehicles()) {
      if (!vehicle.getTestVehicle()
          && filter.admitsVehicle(vehicle.getId(), vehicle)
          && filter.admitsLocation(vehicle.getLocationId())) {
        fleet.put(vehicle.getId(), vehicle);
      }
    }
    scan(filter, (day, vehicle, location) -> fleet.putIfAbsent(day.vehicleId(), vehicle));
    return fleet;
  }

  /** Visits every vehicle-day of the period that passes the filters. */
  private void scan(StatisticsFilter filter, DayVisitor visitor) {
    Set<Long> candidates =
        filter.vehicles().isEmpty() ? views.usage().vehicleIds() : filter.vehicles();
    for (long vehicleId : candidates) {
      FleetVehicle vehicle = views.vehicle(vehicleId).orElse(null);
      if (!filter.admitsVehicle(vehicleId, vehicle)) {
        continue;
      }
      views
          .usage()
          .forEachDay(
              vehicleId,
              filter.from(),
              filter.to(),
              day -> {
                Long location = StatisticsFilter.locationOf(day.locationId(), vehicle);
                if (filter.admitsLocation(location)) {
                  visitor.visit(day, vehicle, location);
                }
              });
    }
  }

  private double utilisation(long drivingSeconds, int vehicles, long days) {
    double available = vehicles * (double) days * utilisationHoursPerDay * SECONDS_PER_HOUR;
    return available > 0 ? 100.0 * drivingSeconds / available : 0.0;
  }

  /** Totals of the period. */
  public Sum sum(StatisticsFilter filter) {
    Totals totals = totals(filter);
    return new Sum(
        filter.from(),
        filter.to(),
        totals.vehicles,
        totals.active.size(),
        totals.km,
        totals.roundtrips,
        totals.drivingSeconds / SECONDS_PER_HOUR,
        totals.co2eKg);
  }

  private static final class Totals {
    int vehicles;
    final Set<Long> active = new HashSet<>();
    double km;
    double electricKm;
    int roundtrips;
    long drivingSeconds;
    double co2eKg;

    void add(UsageDay day, FleetVehicle vehicle) {
      km += day.km();
      roundtrips += day.roundtrips();
      drivingSeconds += day.drivingSeconds();
      co2eKg += day.co2eKg();
      if (fuelGroup(day, vehicle) == FuelGroup.ELECTRIC) {
        electricKm += day.km();
      }
      if (day.used()) {
        active.add(day.vehicleId());
      }
    }
  }

  private Totals totals(StatisticsFilter filter) {
    Totals totals = new Totals();
    scan(filter, (day, vehicle, location) -> totals.add(day, vehicle));
    totals.vehicles = fleet(filter).size();
    return totals;
  }

  /** The day's fuel (as recorded that day, else the vehicle's current fuel) as a group. */
  static FuelGroup fuelGroup(UsageDay day, FleetVehicle vehicle) {
    Integer fuel =
        day.fuelId() != null ? day.fuelId() : vehicle == null ? null : vehicle.getFuelId();
    return FuelGroup.of(fuel);
  }

  /** A series of CO2e, km or electric share per period, split by fuel group. */
  public Overview overview(StatisticsFilter filter, OverviewView view, Interval interval) {
    Map<LocalDate, EnumMap<FuelGroup, double[]>> periods = new TreeMap<>();
    for (LocalDate p = interval.periodOf(filter.from()); !p.isAfter(filter.to()); ) {
      periods.put(p, new EnumMap<>(FuelGroup.class));
      p = interval.next(p);
    }
    scan(
        filter,
        (day, vehicle, location) -> {
          LocalDate period = interval.periodOf(LocalDate.ofEpochDay(day.epochDay()));
          double[] sums =
              periods.get(period).computeIfAbsent(fuelGroup(day, vehicle), g -> new double[2]);
          sums[0] += day.km();
          sums[1] += day.co2eKg();
        });
    List<OverviewPoint> points = new ArrayList<>(periods.size());
    periods.forEach((period, byGroup) -> points.add(point(period, byGroup, view)));
    return new Overview(
        view.name().toLowerCase(Locale.ROOT),
        interval.name().toLowerCase(Locale.ROOT),
        filter.from(),
        filter.to(),
        points);
  }

  private static OverviewPoint point(
      LocalDate period, EnumMap<FuelGroup, double[]> byGroup, OverviewView view) {
    int measure = view == OverviewView.EMISSION ? 1 : 0;
    Map<String, Double> byFuel = new LinkedHashMap<>();
    double total = 0;
    for (Map.Entry<FuelGroup, double[]> group : byGroup.entrySet()) {
      byFuel.put(group.getKey().label(), group.getValue()[measure]);
      total += group.getValue()[measure];
    }
    double value = total;
    if (view == OverviewView.SHARE) {
      double[] electric = byGroup.get(FuelGroup.ELECTRIC);
      value = total > 0 && electric != null ? 100.0 * electric[0] / total : 0.0;
    }
    return new OverviewPoint(period, value, byFuel);
  }

  /** Driving per vehicle and day, from the daily usage. */
  public DrivingData drivingByDay(StatisticsFilter filter) {
    List<DrivingRow> rows = new ArrayList<>();
    scan(
        filter,
        (day, vehicle, location) ->
            rows.add(
                new DrivingRow(
                    day.vehicleId(),
                    LocalDate.ofEpochDay(day.epochDay()).atStartOfDay().toInstant(ZoneOffset.UTC),
                    day.km(),
                    day.roundtrips(),
                    day.drivingSeconds())));
    rows.sort(Comparator.comparingLong(DrivingRow::vehicleId).thenComparing(DrivingRow::start));
    return new DrivingData(filter.from(), filter.to(), "day", rows.size(), rows);
  }

  /**
   * Driving per vehicle and hour, from the stored roundtrips' segments: each segment counts fully
   * in the hour it started, each roundtrip in the hour its first trip started.
   */
  public DrivingData drivingByHour(StatisticsFilter filter) {
    long from = filter.from().atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    long to = filter.to().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    Set<Long> candidates =
        filter.vehicles().isEmpty() ? views.roundtrips().vehicleIds() : filter.vehicles();
    List<DrivingRow> rows = new ArrayList<>();
    for (long vehicleId : candidates) {
      FleetVehicle vehicle = views.vehicle(vehicleId).orElse(null);
      if (!filter.admitsVehicle(vehicleId, vehicle)) {
        continue;
      }
      TreeMap<Long, double[]> hours = new TreeMap<>();
      views
          .roundtrips()
          .forEachStarting(
              vehicleId,
              from - ROUNDTRIP_LOOK_BACK_MILLIS,
              to,
              roundtrip -> {
                Long location = StatisticsFilter.locationOf(roundtrip.locationId(), vehicle);
                if (!filter.admitsLocation(location)) {
                  return;
                }
                if (roundtrip.startMillis() >= from) {
                  hours.computeIfAbsent(hourOf(roundtrip.startMillis()), h -> new double[3])[1]++;
                }
                for (int i = 0; i < roundtrip.segments(); i++) {
                  long start = roundtrip.segmentStart(i);
                  if (start >= from && start < to) {
                    double[] sums = hours.computeIfAbsent(hourOf(start), h -> new double[3]);
                    sums[0] += roundtrip.segmentKm(i);
                    sums[2] += (roundtrip.segmentEnd(i) - start) / 1000.0;
                  }
                }
              });
      hours.forEach(
          (hour, sums) ->
              rows.add(
                  new DrivingRow(
                      vehicleId,
                      Instant.ofEpochMilli(hour),
                      sums[0],
                      (int) sums[1],
                      Math.round(sums[2]))));
    }
    rows.sort(Comparator.comparingLong(DrivingRow::vehicleId).thenComparing(DrivingRow::start));
    return new DrivingData(filter.from(), filter.to(), "hour", rows.size(), rows);
  }

  private static long hourOf(long millis) {
    return Math.floorDiv(millis, 3_600_000L) * 3_600_000L;
  }

  /** Vehicles in use and available per day. */
  public Availability availability(StatisticsFilter filter) {
    int vehicles = fleet(filter).size();
    Map<Long, Set<Long>> inUse = new HashMap<>();
    Map<Long, long[]> driving = new HashMap<>();
    scan(
        filter,
        (day, vehicle, location) -> {
          if (day.used()) {
            inUse.computeIfAbsent(day.epochDay(), d -> new HashSet<>()).add(day.vehicleId());
          }
          driving.computeIfAbsent(day.epochDay(), d -> new long[1])[0] += day.drivingSeconds();
        });
    List<AvailabilityDay> days = new ArrayList<>();
    for (LocalDate d = filter.from(); !d.isAfter(filter.to()); d = d.plusDays(1)) {
      int used = inUse.getOrDefault(d.toEpochDay(), Set.of()).size();
      int available = Math.max(0, vehicles - used);
      long seconds = driving.getOrDefault(d.toEpochDay(), new long[1])[0];
      days.add(
          new AvailabilityDay(
              d,
              vehicles,
              used,
              available,
              vehicles > 0 ? 100.0 * available / vehicles : 0.0,
              utilisation(seconds, vehicles, 1)));
    }
    return new Availability(filter.from(), filter.to(), days);
  }

  /** The key figures of the period and of the period before it. */
  public Kpis kpis(StatisticsFilter filter) {
    return new Kpis(figures(filter), figures(filter.previousPeriod()));
  }

  private KpiFigures figures(StatisticsFilter filter) {
    Totals totals = totals(filter);
    return new KpiFigures(
        filter.from(),
        filter.to(),
        totals.vehicles,
        totals.active.size(),
        totals.km,
        totals.roundtrips,
        totals.drivingSeconds / SECONDS_PER_HOUR,
        totals.co2eKg,
        totals.vehicles > 0 ? totals.km / totals.vehicles : 0.0,
        totals.km > 0 ? totals.co2eKg / totals.km : 0.0,
        totals.km > 0 ? 100.0 * totals.electricKm / totals.km : 0.0,
        utilisation(totals.drivingSeconds, totals.vehicles, filter.days()));
  }

  /** Vehicles of the fleet per location (vehicles with usage at several count at each). */
  private Map<Long, Set<Long>> vehiclesPerLocation(StatisticsFilter filter) {
    Map<Long, Set<Long>> perLocation = new HashMap<>();
    for (FleetVehicle vehicle : fleet(filter).values()) {
      if (vehicle != null && vehicle.getLocationId() != null) {
        perLocation
            .computeIfAbsent(vehicle.getLocationId(), l -> new HashSet<>())
            .add(vehicle.getId());
      }
    }
    scan(
        filter,
        (day, vehicle, location) -> {
          if (location != null) {
            perLocation.computeIfAbsent(location, l -> new HashSet<>()).add(day.vehicleId());
          }
        });
    if (!filter.locations().isEmpty()) {
      perLocation.keySet().retainAll(filter.locations());
    }
    return perLocation;
  }

  private String address(long locationId) {
    return views.location(locationId).map(FleetLocation::getAddress).orElse(null);
  }

  /** Usage per location over the period, by location id. */
  public LocationUsage locationUsage(StatisticsFilter filter) {
    Map<Long, Set<Long>> vehicles = vehiclesPerLocation(filter);
    Map<Long, Totals> perLocation = new TreeMap<>();
    vehicles.keySet().forEach(l -> perLocation.put(l, new Totals()));
    scan(
        filter,
        (day, vehicle, location) -> {
          if (location != null) {
            perLocation.computeIfAbsent(location, l -> new Totals()).add(day, vehicle);
          }
        });
    List<LocationUsageRow> rows = new ArrayList<>();
    perLocation.forEach(
        (locationId, totals) -> {
          int count = vehicles.getOrDefault(locationId, Set.of()).size();
          rows.add(
              new LocationUsageRow(
                  locationId,
                  address(locationId),
                  count,
                  totals.active.size(),
                  totals.km,
                  totals.roundtrips,
                  totals.drivingSeconds / SECONDS_PER_HOUR,
                  totals.co2eKg,
                  utilisation(totals.drivingSeconds, count, filter.days())));
        });
    return new LocationUsage(filter.from(), filter.to(), rows);
  }

  /** Activity per location and day (every day of the period, zeros included). */
  public LocationActivity locationActivity(StatisticsFilter filter) {
    Map<Long, Set<Long>> vehicles = vehiclesPerLocation(filter);
    Map<Long, Map<Long, Totals>> perLocation = new TreeMap<>();
    vehicles.keySet().forEach(l -> perLocation.put(l, new HashMap<>()));
    scan(
        filter,
        (day, vehicle, location) -> {
          if (location != null) {
            perLocation
                .computeIfAbsent(location, l -> new HashMap<>())
                .computeIfAbsent(day.epochDay(), d -> new Totals())
                .add(day, vehicle);
          }
        });
    List<LocationActivityRow> rows = new ArrayList<>();
    perLocation.forEach(
        (locationId, byDay) -> {
          int count = vehicles.getOrDefault(locationId, Set.of()).size();
          List<ActivityDay> days = new ArrayList<>();
          for (LocalDate d = filter.from(); !d.isAfter(filter.to()); d = d.plusDays(1)) {
            Totals totals = byDay.getOrDefault(d.toEpochDay(), new Totals());
            days.add(
                new ActivityDay(
                    d,
                    totals.km,
                    totals.roundtrips,
                    totals.active.size(),
                    utilisation(totals.drivingSeconds, count, 1)));
          }
          rows.add(new LocationActivityRow(locationId, address(locationId), count, days));
        });
    return new LocationActivity(filter.from(), filter.to(), rows);
  }
}
