package dev.signalyard.queryapi.fleet.statistics;

import dev.signalyard.platform.web.Problems.FieldError;
import dev.signalyard.schemas.fleet.FleetVehicle;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The filters every statistics query takes, as the reference's: a day range and optional sets of
 * locations, vehicles and vehicle types. Empty sets mean "all".
 *
 * <p>A vehicle-day belongs to the location its roundtrips started from that day (the usage row's
 * location), or to the vehicle's current location when the row names none, so that moving a vehicle
 * does not move its history.
 *
 * <p>Immutable and thread-safe.
 *
 * @param from first day, inclusive (UTC)
 * @param to last day, inclusive (UTC)
 * @param locations location ids, empty for all
 * @param vehicles vehicle ids, empty for all
 * @param types vehicle type ids (1 bike, 2 e-bike, 3 EV, 4 fossil car), empty for all
 */
public record StatisticsFilter(
    LocalDate from, LocalDate to, Set<Long> locations, Set<Long> vehicles, Set<Integer> types) {

  /** Days covered when {@code from} is not given: the 30 days up to {@code to}. */
  public static final int DEFAULT_DAYS = 30;

  public StatisticsFilter {
    locations = Set.copyOf(locations);
    vehicles = Set.copyOf(vehicles);
    types = Set.copyOf(types);
  }

  /**
   * Parses the query parameters, adding every bad one to {@code errors} (the result is then null).
   *
   * @param today the default {@code to}
   * @param maxSpanDays most days {@code from}..{@code to} may cover
   */
  public static StatisticsFilter parse(
      String from,
      String to,
      List<String> locations,
      List<String> vehicles,
      List<String> types,
      LocalDate today,
      int maxSpanDays,
      List<FieldError> errors) {
    int before = errors.size();
    LocalDate end = date("to", to, today, errors);
    LocalDate start =
        date("from", from, end == null ? null : end.minusDays(DEFAULT_DAYS - 1L), errors);
    if (start != null && end != null) {
      if (start.isAfter(end)) {
        errors.add(new FieldError("from", "must not be after to"));
      } else if (ChronoUnit.DAYS.between(start, end) + 1 > maxSpanDays) {
        errors.add(
            new FieldError("from", "from..to must not cover more than " + maxSpanDays + " days"));
      }
    }
    Set<Long> locationIds = ids("locations", locations, Long::parseLong, errors);
    Set<Long> vehicleIds = ids("vehicles", vehicles, Long::parseLong, errors);
    Set<Integer> typeIds = ids("types", types, Integer::parseInt, errors);
    for (Integer type : typeIds) {
      if (type < 1 || type > 4) {
        errors.add(new FieldError("types", "must be vehicle type ids from 1 to 4"));
        break;
      }
    }
    if (errors.size() > before) {
      return null;
    }
    return new StatisticsFilter(start, end, locationIds, vehicleIds, typeIds);
  }

  private static LocalDate date(
      String field, String value, LocalDate fallback, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(field, "must be an ISO-8601 date, e.g. 2026-11-01"));
      return null;
    }
  }

  /** Ids from repeated parameters and/or comma-separated lists. */
  private static <T> Set<T> ids(
      String field, List<String> values, Function<String, T> parse, List<FieldError> errors) {
    Set<T> ids = new HashSet<>();
    if (values == null) {
      return ids;
    }
    for (String value : values) {
      for (String part : value.split(",")) {
        if (part.isBlank()) {
          continue;
        }
        try {
          ids.add(parse.apply(part.trim()));
        } catch (NumberFormatException e) {
          errors.add(new FieldError(field, "must be a list of integer ids"));
          return ids;
        }
      }
    }
    return ids;
  }

  /** Days from {@code from} to {@code to}, both included. */
  public long days() {
    return ChronoUnit.DAYS.between(from, to) + 1;
  }

  /** The same filters over the equally long period just before this one. */
  public StatisticsFilter previousPeriod() {
    return new StatisticsFilter(
        from.minusDays(days()), from.minusDays(1), locations, vehicles, types);
  }

  /** Whether {@code vehicleId} (known as {@code vehicle}, null when unknown) passes the filters. */
  public boolean admitsVehicle(long vehicleId, FleetVehicle vehicle) {
    if (!vehicles.isEmpty() && !vehicles.contains(vehicleId)) {
      return false;
    }
    return types.isEmpty()
        || (vehicle != null && vehicle.getTypeId() != null && types.contains(vehicle.getTypeId()));
  }

  /**
   * The location a vehicle's record counts for: {@code recordLocation} when known, else the
   * vehicle's current location; null when neither is known.
   */
  public static Long locationOf(Long recordLocation, FleetVehicle vehicle) {
    return recordLocation != null
        ? recordLocation
        : vehicle == null ? null : vehicle.getLocationId();
  }

  /** Whether a record of location {@code locationId} passes the location filter. */
  public boolean admitsLocation(Long locationId) {
    return locations.isEmpty() || (locationId != null && locations.contains(locationId));
  }
}
