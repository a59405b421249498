package dev.signalyard.fleet.simulation;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Every {@code simulation_settings} value the simulation reads, under the keys of the reference,
 * with the reference defaults ({@link #defaults()}). Each key is described in {@code
 * docs/simulation.md}. Immutable and thread-safe.
 *
 * @param elUdledning {@code el_udledning}: kg CO2e per kWh
 * @param benzinUdledning {@code benzin_udledning}: kg CO2e per litre petrol
 * @param dieselUdledning {@code diesel_udledning}: kg CO2e per litre diesel
 * @param hvoUdledning {@code hvo_udledning}: kg CO2e per litre HVO
 * @param prisEl {@code pris_el}: DKK per kWh
 * @param prisBenzin {@code pris_benzin}: DKK per litre petrol
 * @param prisDiesel {@code pris_diesel}: DKK per litre diesel
 * @param prisHvo {@code pris_hvo}: DKK per litre HVO
 * @param vaerdisaetningTonsCo2 {@code vaerdisaetning_tons_co2}: societal price of a tonne CO2e in
 *     DKK
 * @param subTimeMinutes {@code sub_time}: changeover minutes a vehicle needs between two bookings
 * @param low {@code low}: mileage allowance in DKK/km up to the threshold
 * @param high {@code high}: mileage allowance in DKK/km above the threshold
 * @param distanceThreshold {@code distance_threshold}: yearly km paid at {@code low}
 * @param undrivenType {@code undriven_type}: fuel of the employee's own car (benzin, diesel, hvo,
 *     el)
 * @param undrivenWltp {@code undriven_wltp}: km per litre (or Wh/km for el) of the employee's car
 * @param keepData {@code keep_data}: months of trips kept (not used by the simulation itself)
 * @param slack {@code slack}: goal seek only, extra vehicles allowed
 * @param maxUndriven {@code max_undriven}: goal seek only, km of unallocated trips tolerated
 * @param maxKmPrTrip {@code max_km_pr_trip}: a bike accepts only trips shorter than this
 * @param percentageOfTrips {@code percentage_of_trips}: share in percent of qualifying trips a bike
 *     takes
 * @param bikeSlots {@code bike_slots}: daily windows in which bikes may be used
 * @param bikeSpeed {@code bike_speed}: a bike takes trips slower than this (km/h)
 * @param electricalBikeSpeed {@code electrical_bike_speed}: an e-bike takes trips slower than this
 * @param shifts {@code shifts}: the location's shifts; empty means trips are not merged into shifts
 * @param zone {@code time_zone}: zone of the local times (slots, shifts, dates)
 */
public record SimulationSettings(
    double elUdledning,
    double benzinUdledning,
    double dieselUdledning,
    double hvoUdledning,
    double prisEl,
    double prisBenzin,
    double prisDiesel,
    double prisHvo,
    double vaerdisaetningTonsCo2,
    double subTimeMinutes,
    double low,
    double high,
    double distanceThreshold,
    String undrivenType,
    double undrivenWltp,
    int keepData,
    int slack,
    double maxUndriven,
    double maxKmPrTrip,
    double percentageOfTrips,
    List<TimeSlot> bikeSlots,
    double bikeSpeed,
    double electricalBikeSpeed,
    List<Shift> shifts,
    ZoneId zone) {

  /** The shifts of the reference's {@code vagt_dashboard} default: 07-15, 15-23, 23-07. */
  public static final List<Shift> DASHBOARD_SHIFTS =
      List.of(Shift.parse("07:00-15:00"), Shift.parse("15:00-23:00"), Shift.parse("23:00-07:00"));

  private static final SimulationSettings DEFAULTS =
      new SimulationSettings(
          0.09,
          2.52,
          2.98,
          0.894,
          2.13,
          12.33,
          10.83,
          19.84,
          1500,
          5,
          3.7,
          2.17,
          20000,
          "benzin",
          20,
          24,
          0,
          20,
          15,
          100,
          List.of(TimeSlot.parse("07:00-15:30")),
          20,
          30,
          List.of(),
          ZoneId.of("Europe/Copenhagen"));

  public SimulationSettings {
    Objects.requireNonNull(undrivenType, "undriven_type");
    Objects.requireNonNull(zone, "time_zone");
    bikeSlots = List.copyOf(bikeSlots);
    shifts = List.copyOf(shifts);
    fuelOf(undrivenType);
    requirePositive("undriven_wltp", undrivenWltp);
    requireNotNegative("sub_time", subTimeMinutes);
    requireNotNegative("distance_threshold", distanceThreshold);
    requireNotNegative("vaerdisaetning_tons_co2", vaerdisaetningTonsCo2);
    if (percentageOfTrips < 0 || percentageOfTrips > 100) {
      throw new IllegalArgumentException("percentage_of_trips must be within 0..100");
    }
    validateShifts(shifts);
  }

  /** The reference defaults. */
  public static SimulationSettings defaults() {
    return DEFAULTS;
  }

  /**
   * Settings from the rows of the {@code simulation_settings} table; missing keys take the
   * defaults, keys the simulation does not read (such as {@code vagt_dashboard}) are ignored, so
   * the whole table can be passed.
   *
   * @throws IllegalArgumentException naming the key when a value is malformed
   */
  public static SimulationSettings fromMap(Map<String, String> keyValues) {
    Map<String, String> known = new LinkedHashMap<>();
    Map<String, String> defaults = DEFAULTS.toMap();
    keyValues.forEach(
        (key, value) -> {
          if (defaults.containsKey(key)) {
            known.put(key, value);
          }
        });
    return DEFAULTS.withOverrides(known);
  }

  /**
   * A copy with the given keys replaced (the settings of a simulation request). Unlike {@link
   * #fromMap}, an unknown key is an error, so a misspelt override is never silently ignored.
   *
   * @throws IllegalArgumentException naming the key when a key is unknown or a value malformed
   */
  public SimulationSettings withOverrides(Map<String, String> overrides) {
    Map<String, String> values = toMap();
    for (Map.Entry<String, String> entry : overrides.entrySet()) {
      if (!values.containsKey(entry.getKey())) {
        throw new IllegalArgumentException("unknown simulation setting " + entry.getKey());
      }
      if (entry.getValue() != null) {
        values.put(entry.getKey(), entry.getValue());
      }
    }
    Reader r = new Reader(values);
    return new SimulationSettings(
        r.number("el_udledning"),
        r.number("benzin_udledning"),
        r.number("diesel_udledning"),
        r.number("hvo_udledning"),
        r.number("pris_el"),
        r.number("pris_benzin"),
        r.number("pris_diesel"),
        r.number("pris_hvo"),
        r.number("vaerdisaetning_tons_co2"),
        r.number("sub_time"),
        r.number("low"),
        r.number("high"),
        r.number("distance_threshold"),
        values.get("undriven_type").trim().toLowerCase(Locale.ROOT),
        r.number("undriven_wltp"),
        (int) r.number("keep_data"),
        (int) r.number("slack"),
        r.number("max_undriven"),
        r.number("max_km_pr_trip"),
        r.number("percentage_of_trips"),
        r.list("bike_slots", TimeSlot::parse),
        r.number("bike_speed"),
        r.number("electrical_bike_speed"),
        r.list("shifts", Shift::parse),
        r.zone("time_zone"));
  }

  /** These settings as {@code simulation_settings} key/value pairs. */
  public Map<String, String> toMap() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("el_udledning", num(elUdledning));
    map.put("benzin_udledning", num(benzinUdledning));
    map.put("diesel_udledning", num(dieselUdledning));
    map.put("hvo_udledning", num(hvoUdledning));
    map.put("pris_el", num(prisEl));
    map.put("pris_benzin", num(prisBenzin));
    map.put("pris_diesel", num(prisDiesel));
    map.put("pris_hvo", num(prisHvo));
    map.put("vaerdisaetning_tons_co2", num(vaerdisaetningTonsCo2));
    map.put("sub_time", num(subTimeMinutes));
    map.put("low", num(low));
    map.put("high", num(high));
    map.put("distance_threshold", num(distanceThreshold));
    map.put("undriven_type", undrivenType);
    map.put("undriven_wltp", num(undrivenWltp));
    map.put("keep_data", Integer.toString(keepData));
    map.put("slack", Integer.toString(slack));
    map.put("max_undriven", num(maxUndriven));
    map.put("max_km_pr_trip", num(maxKmPrTrip));
    map.put("percentage_of_trips", num(percentageOfTrips));
    map.put("bike_slots", join(bikeSlots));
    map.put("bike_speed", num(bikeSpeed));
    map.put("electrical_bike_speed", num(electricalBikeSpeed));
    map.put("shifts", join(shifts));
    map.put("time_zone", zone.getId());
    return map;
  }

  /** Changeover time between two bookings of one vehicle. */
  public Duration subTime() {
    return Duration.ofMillis(Math.round(subTimeMinutes * 60_000));
  }

  /** kg CO2e per unit (litre or kWh) of the given fuel. */
  public double emissionFactor(Fuel fuel) {
    return switch (fuel) {
      case PETROL -> benzinUdledning;
      case DIESEL -> dieselUdledning;
      case HVO -> hvoUdledning;
      case ELECTRICITY -> elUdledning;
      case NONE -> 0;
    };
  }

  /** DKK per unit (litre or kWh) of the given fuel. */
  public double price(Fuel fuel) {
    return switch (fuel) {
      case PETROL -> prisBenzin;
      case DIESEL -> prisDiesel;
      case HVO -> prisHvo;
      case ELECTRICITY -> prisEl;
      case NONE -> 0;
    };
  }

  /** Fuel of the employee's own car ({@code undriven_type}). */
  public Fuel undrivenFuel() {
    return fuelOf(undrivenType);
  }

  private static Fuel fuelOf(String name) {
    return switch (name) {
      case "benzin" -> Fuel.PETROL;
      case "diesel" -> Fuel.DIESEL;
      case "hvo" -> Fuel.HVO;
      case "el" -> Fuel.ELECTRICITY;
      default ->
          throw new IllegalArgumentException(
              "undriven_type must be benzin, diesel, hvo or el: " + name);
    };
  }

  private static void validateShifts(List<Shift> shifts) {
    if (shifts.isEmpty()) {
      return;
    }
    List<Shift> sorted = new ArrayList<>(shifts);
    sorted.sort(Comparator.comparing(Shift::start));
    long total = 0;
    for (int i = 0; i < sorted.size(); i++) {
      Shift shift = sorted.get(i);
      Shift next = sorted.get((i + 1) % sorted.size());
      if (!shift.end().equals(next.start())) {
        throw new IllegalArgumentException(
            "shifts must cover 24 h without gaps or overlaps: " + shift + " then " + next);
      }
      if (shift.breakAt() != null
          && shift.minutesAfterStart(shift.breakAt()) >= shift.length().toMinutes()) {
        throw new IllegalArgumentException("shifts: break outside its shift " + shift);
      }
      total += shift.length().toMinutes();
    }
    if (total != 24 * 60) {
      throw new IllegalArgumentException("shifts must cover 24 h, they cover " + total + " min");
    }
  }

  private static void requirePositive(String key, double value) {
    if (!(value > 0)) {
      throw new IllegalArgumentException(key + " must be > 0");
    }
  }

  private static void requireNotNegative(String key, double value) {
    if (!(value >= 0)) {
      throw new IllegalArgumentException(key + " must be >= 0");
    }
  }

  private static String num(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : Double.toString(value);
  }

  private static String join(List<?> items) {
    return String.join(",", items.stream().map(Object::toString).toList());
  }

  /** Parses values and names the key in every error. */
  private record Reader(Map<String, String> values) {
    double number(String key) {
      try {
        return Double.parseDouble(values.get(key).trim().replace(',', '.'));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(key + " must be a number: " + values.get(key), e);
      }
    }

    <T> List<T> list(String key, Function<String, T> parser) {
      String text = values.get(key).trim();
      if (text.isEmpty()) {
        return List.of();
      }
      List<T> items = new ArrayList<>();
      try {
        for (String part : text.split("[,;]")) {
          items.add(parser.apply(part));
        }
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
      }
      return items;
    }

    ZoneId zone(String key) {
      try {
        return ZoneId.of(values.get(key).trim());
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(key + " must be a time zone id: " + values.get(key), e);
      }
    }
  }
}
