package dev.signalyard.streams.fleet;

import java.util.Map;

/**
 * The fleet settings the topologies use, read from the fleet-settings map with the reference's
 * defaults for a missing or unreadable value.
 *
 * <p>Thread-safety: immutable.
 *
 * @param keepDataMonths how many months of trips and roundtrips are kept (keep_data, default 24)
 * @param electricityKgPerKwh kg CO2e per kWh (el_udledning, default 0.09)
 * @param petrolKgPerLitre kg CO2e per litre of petrol (benzin_udledning, default 2.52)
 * @param dieselKgPerLitre kg CO2e per litre of diesel (diesel_udledning, default 2.98)
 * @param hvoKgPerLitre kg CO2e per litre of HVO (hvo_udledning, default 0.894)
 */
record FleetSettingValues(
    int keepDataMonths,
    double electricityKgPerKwh,
    double petrolKgPerLitre,
    double dieselKgPerLitre,
    double hvoKgPerLitre) {

  static final FleetSettingValues DEFAULTS = new FleetSettingValues(24, 0.09, 2.52, 2.98, 0.894);

  /** Reads the settings map (null when no settings were published). */
  static FleetSettingValues of(Map<String, String> values) {
    if (values == null) {
      return DEFAULTS;
    }
    return new FleetSettingValues(
        (int) number(values, "keep_data", DEFAULTS.keepDataMonths),
        number(values, "el_udledning", DEFAULTS.electricityKgPerKwh),
        number(values, "benzin_udledning", DEFAULTS.petrolKgPerLitre),
        number(values, "diesel_udledning", DEFAULTS.dieselKgPerLitre),
        number(values, "hvo_udledning", DEFAULTS.hvoKgPerLitre));
  }

  private static double number(Map<String, String> values, String name, double fallback) {
    String value = values.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      double parsed = Double.parseDouble(value.trim());
      return Double.isFinite(parsed) && parsed >= 0 ? parsed : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
