package dev.signalyard.queryapi.fleet;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validates a settings PATCH body ({@code {name: value}}, the reference's key names) into the
 * changes to store:
 *
 * <ul>
 *   <li>numbers: in each key's range (e.g. {@code sub_time} 0-1440 minutes, {@code keep_data}
 *       6-1200 months, prices and emission factors not negative);
 *   <li>{@code undriven_type}: benzin, diesel, el or hvo;
 *   <li>{@code bike_settings}: the whole object, {@code bike_slots} each starting before it ends;
 *   <li>shifts ({@code vagt_dashboard}, per location {@code vagt_{locationId}}, which {@code null}
 *       removes): together they cover 24 hours with no gap and no overlap, and each break falls
 *       inside its shift.
 * </ul>
 *
 * <p>Thread-safety: thread-safe (stateless apart from the thread-safe mapper).
 */
final class SettingsRules {

  /** Setting name to its allowed range, for the numeric settings. */
  static final Map<String, double[]> NUMBERS = numbers();

  static final Set<String> UNDRIVEN_TYPES = Set.of("benzin", "diesel", "el", "hvo");
  static final String BIKE_SETTINGS = "bike_settings";
  static final String DASHBOARD_SHIFTS = "vagt_dashboard";

  private static final Pattern LOCATION_SHIFTS = Pattern.compile("vagt_(\\d{1,18})");
  private static final int DAY = 24 * 60;
  private static final Set<String> BIKE_FIELDS =
      Set.of(
          "max_km_pr_trip",
          "percentage_of_trips",
          "bike_slots",
          "bike_speed",
          "electrical_bike_speed");
  private static final Set<String> SLOT_FIELDS = Set.of("bike_start", "bike_end");
  private static final Set<String> SHIFT_FIELDS = Set.of("shift_start", "shift_end", "break");

  private final JsonMapper json;

  SettingsRules(JsonMapper json) {
    this.json = json;
  }

  private static Map<String, double[]> numbers() {
    Map<String, double[]> ranges = new LinkedHashMap<>();
    for (String name :
        List.of("el_udledning", "benzin_udledning", "diesel_udledning", "hvo_udledning")) {
      ranges.put(name, new double[] {0, 100});
    }
    for (String name : List.of("pris_el", "pris_benzin", "pris_diesel", "pris_hvo")) {
      ranges.put(name, new double[] {0, 10_000});
    }
    ranges.put("vaerdisaetning_tons_co2", new double[] {0, 1_000_000});
    ranges.put("sub_time", new double[] {0, DAY});
    ranges.put("high", new double[] {0, 1000});
    ranges.put("low", new double[] {0, 1000});
    ranges.put("distance_threshold", new double[] {0, 10_000_000});
    ranges.put("undriven_wltp", new double[] {0.1, 1000});
    ranges.put("keep_data", new double[] {6, 1200});
    ranges.put("slack", new double[] {0, 10_000});
    ranges.put("max_undriven", new double[] {0, 100_000});
    return Map.copyOf(ranges);
  }

  /**
   * The changes {@code body} asks for.
   *
   * @throws dev.signalyard.platform.web.InvalidRequestException naming every bad setting
   */
  List<SettingChange> parse(Map<String, Object> body) {
    JsonBody reader = JsonBody.of(body, body == null ? Set.of() : body.keySet());
    if (body.isEmpty()) {
      reader.error("body", "must name at least one setting");
    }
    List<SettingChange> changes = new ArrayList<>();
    for (String name : body.keySet().stream().sorted().toList()) {
      Object value = body.get(name);
      Matcher location = LOCATION_SHIFTS.matcher(name);
      if (NUMBERS.containsKey(name)) {
        double[] range = NUMBERS.get(name);
        reader.require(name);
        Double number = reader.number(name, range[0], range[1]);
        if (number != null) {
          changes.add(
              new SettingChange(
                  name, new BigDecimal(value.toString()).toPlainString(), "number", null));
        }
      } else if (name.equals("undriven_type")) {
        reader.require(name);
        String text = reader.text(name, 20);
        if (text != null && !UNDRIVEN_TYPES.contains(text)) {
          reader.error(name, "must be one of " + UNDRIVEN_TYPES.stream().sorted().toList());
        } else if (text != null) {
          changes.add(new SettingChange(name, text, "text", null));
        }
      } else if (name.equals(BIKE_SETTINGS)) {
        Object bike = bikeSettings(reader, value);
        if (bike != null) {
          changes.add(new SettingChange(name, json.writeValueAsString(bike), "json", null));
        }
      } else if (name.equals(DASHBOARD_SHIFTS) || location.matches()) {
        Long locationId = location.matches() ? Long.parseLong(location.group(1)) : null;
        if (value == null && locationId != null) {
          changes.add(new SettingChange(name, null, "json", locationId));
        } else {
          List<Map<String, Object>> shifts = shifts(reader, name, value);
          if (shifts != null) {
            changes.add(
                new SettingChange(name, json.writeValueAsString(shifts), "json", locationId));
          }
        }
      } else {
        reader.error(name, "is not a known setting");
      }
    }
    reader.throwIfInvalid();
    return changes;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> bikeSettings(JsonBody reader, Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      reader.error(
          BIKE_SETTINGS, "must be an object with " + BIKE_FIELDS.stream().sorted().toList());
      return null;
    }
    JsonBody bike = reader.nested(BIKE_SETTINGS, (Map<String, Object>) map, BIKE_FIELDS);
    bike.require(BIKE_FIELDS.toArray(String[]::new));
    Double maxKm = bike.number("max_km_pr_trip", 0.1, 1000);
    Double percentage = bike.number("percentage_of_trips", 0, 100);
    Double speed = bike.number("bike_speed", 1, 100);
    Double electricalSpeed = bike.number("electrical_bike_speed", 1, 100);
    List<Map<String, Object>> slots = bike.objects("bike_slots");
    List<Map<String, Object>> normalised = new ArrayList<>();
    if (slots != null) {
      for (int i = 0; i < slots.size(); i++) {
        JsonBody slot = bike.nested("bike_slots[" + i + "]", slots.get(i), SLOT_FIELDS);
        slot.require("bike_start", "bike_end");
        LocalTime start = time(slot, "bike_start");
        LocalTime end = time(slot, "bike_end");
        if (start != null && end != null) {
          if (!start.isBefore(end)) {
            slot.error("bike_end", "must be after bike_start");
          }
          normalised.add(Map.of("bike_start", start.toString(), "bike_end", end.toString()));
        }
      }
    }
    if (maxKm == null || percentage == null || speed == null || electricalSpeed == null) {
      return null;
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("max_km_pr_trip", maxKm);
    result.put("percentage_of_trips", percentage);
    result.put("bike_slots", normalised);
    result.put("bike_speed", speed);
    result.put("electrical_bike_speed", electricalSpeed);
    return result;
  }

  private record Shift(int index, int start, int minutes, LocalTime startTime, LocalTime endTime) {
    int end() {
      return (start + minutes) % DAY;
    }
  }

  private List<Map<String, Object>> shifts(JsonBody reader, String name, Object value) {
    List<Map<String, Object>> raw = reader.objects(name);
    if (value == null) {
      reader.error(name, "is required");
      return null;
    }
    if (raw == null) {
      return null;
    }
    if (raw.isEmpty()) {
      reader.error(name, "must have at least one shift");
      return null;
    }
    List<Shift> shifts = new ArrayList<>();
    List<Map<String, Object>> normalised = new ArrayList<>();
    boolean complete = true;
    for (int i = 0; i < raw.size(); i++) {
      JsonBody shift = reader.nested(name + "[" + i + "]", raw.get(i), SHIFT_FIELDS);
      shift.require("shift_start", "shift_end");
      LocalTime start = time(shift, "shift_start");
      LocalTime end = time(shift, "shift_end");
      LocalTime pause = time(shift, "break");
      if (start == null || end == null) {
        complete = false;
        continue;
      }
      int from = start.toSecondOfDay() / 60;
      int minutes = Math.floorMod(end.toSecondOfDay() / 60 - from, DAY);
      if (minutes == 0) {
        minutes = DAY;
      }
      Shift parsed = new Shift(i, from, minutes, start, end);
      shifts.add(parsed);
      if (pause != null && Math.floorMod(pause.toSecondOfDay() / 60 - from, DAY) >= minutes) {
        shift.error("break", "must fall inside its shift " + start + "-" + end);
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("shift_start", start.toString());
      entry.put("shift_end", end.toString());
      entry.put("break", pause == null ? null : pause.toString());
      normalised.add(entry);
    }
    if (complete) {
      checkCoverage(reader, name, shifts);
    }
    return normalised;
  }

  /** The shifts, in start order, must each begin where the one before ends: 24 h, no overlap. */
  private static void checkCoverage(JsonBody reader, String name, List<Shift> shifts) {
    List<Shift> ordered = shifts.stream().sorted(Comparator.comparingInt(Shift::start)).toList();
    if (ordered.size() == 1 && ordered.get(0).minutes() != DAY) {
      Shift only = ordered.get(0);
      reader.error(
          name,
          "shifts must cover 24 hours: nothing covers " + only.endTime() + "-" + only.startTime());
      return;
    }
    for (int k = 0; k < ordered.size() && ordered.size() > 1; k++) {
      Shift current = ordered.get(k);
      Shift next = ordered.get((k + 1) % ordered.size());
      int offset = Math.floorMod(next.start() - current.start(), DAY);
      if (offset < current.minutes()) {
        reader.error(
            name + "[" + next.index() + "].shift_start",
            "overlaps shift "
                + current.index()
                + " ("
                + current.startTime()
                + "-"
                + current.endTime()
                + ")");
      } else if (offset > current.minutes()) {
        reader.error(
            name,
            "shifts must cover 24 hours: nothing covers "
                + current.endTime()
                + "-"
                + next.startTime());
      }
    }
  }

  private static LocalTime time(JsonBody reader, String field) {
    String text = reader.text(field, 8);
    if (text == null) {
      return null;
    }
    try {
      return LocalTime.parse(text);
    } catch (DateTimeParseException e) {
      reader.error(field, "must be a time of day like 07:00");
      return null;
    }
  }
}
