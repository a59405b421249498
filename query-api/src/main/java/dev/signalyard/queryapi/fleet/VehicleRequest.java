package dev.signalyard.queryapi.fleet;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a vehicle body (POST: the whole vehicle, PATCH: the fields to change, {@code null} clears
 * one), merges it into the current vehicle and checks the result against the reference's rules:
 *
 * <ul>
 *   <li>{@code typeId} is required and one of 1 bike, 2 e-bike, 3 EV, 4 fossil car;
 *   <li>{@code fuelId} is required and fits the type: {@value #FUELS_BY_TYPE_TEXT};
 *   <li>an EV needs {@code wltpEl} and no {@code wltpFossil}; a fossil car needs {@code wltpFossil}
 *       and no {@code wltpEl}; bikes have neither;
 *   <li>{@code leasingType} is 1, 2 or 3; types 1 and 2 need {@code endLeasing}, which is not
 *       before {@code startLeasing};
 *   <li>numbers are in range (e.g. {@code capacityDecrease} 0-100 %, {@code sleep} 0-24 h).
 * </ul>
 *
 * Whether {@code locationId} exists is checked by the store, inside the transaction.
 *
 * <p>Thread-safety: stateless.
 */
final class VehicleRequest {

  static final String FUELS_BY_TYPE_TEXT =
      "1: [10], 2: [10], 3: [3, 7, 8], 4: [1, 2, 4, 5, 6, 9, 11]";

  /** Fuel type ids allowed per vehicle type id (index), as in the reference. */
  static final Map<Integer, List<Integer>> FUELS_BY_TYPE =
      Map.of(
          1, List.of(10),
          2, List.of(10),
          3, List.of(3, 7, 8),
          4, List.of(1, 2, 4, 5, 6, 9, 11));

  static final int EV = 3;
  static final int FOSSIL = 4;

  private static final int SHORT_TEXT = 255;
  private static final int LONG_TEXT = 2000;
  private static final double MAX_AMOUNT = 1e9;

  private static final Set<String> FIELDS =
      Set.of(
          "imei",
          "plate",
          "make",
          "model",
          "typeId",
          "fuelId",
          "wltpFossil",
          "wltpEl",
          "capacityDecrease",
          "rangeKm",
          "co2PrKm",
          "omkostningAar",
          "locationId",
          "startLeasing",
          "endLeasing",
          "leasingType",
          "kmAar",
          "sleep",
          "department",
          "forvaltning",
          "description",
          "disabled",
          "testVehicle");

  private static final Set<String> NOT_NULL = Set.of("disabled", "testVehicle");

  private VehicleRequest() {}

  /**
   * Merges {@code body} into {@code current} and validates the result.
   *
   * @throws dev.signalyard.platform.web.InvalidRequestException naming every bad field
   */
  static VehicleView merge(VehicleView current, Map<String, Object> body) {
    JsonBody json = JsonBody.of(body, FIELDS);
    json.rejectNull(NOT_NULL);
    VehicleView merged =
        new VehicleView(
            current.id(),
            text(json, "imei", SHORT_TEXT, current.imei()),
            text(json, "plate", SHORT_TEXT, current.plate()),
            text(json, "make", SHORT_TEXT, current.make()),
            text(json, "model", SHORT_TEXT, current.model()),
            json.has("typeId") ? toInt(json.integer("typeId", 1, 4)) : current.typeId(),
            json.has("fuelId") ? toInt(json.integer("fuelId", 1, 11)) : current.fuelId(),
            number(json, "wltpFossil", 0.1, 1000, current.wltpFossil()),
            number(json, "wltpEl", 1, 10_000, current.wltpEl()),
            number(json, "capacityDecrease", 0, 100, current.capacityDecrease()),
            number(json, "rangeKm", 0, 10_000, current.rangeKm()),
            number(json, "co2PrKm", 0, 10_000, current.co2PrKm()),
            number(json, "omkostningAar", 0, MAX_AMOUNT, current.omkostningAar()),
            json.has("locationId")
                ? json.integer("locationId", 1, Long.MAX_VALUE)
                : current.locationId(),
            json.has("startLeasing") ? json.date("startLeasing") : current.startLeasing(),
            json.has("endLeasing") ? json.date("endLeasing") : current.endLeasing(),
            json.has("leasingType")
                ? toInt(json.integer("leasingType", 1, 3))
                : current.leasingType(),
            number(json, "kmAar", 0, MAX_AMOUNT, current.kmAar()),
            number(json, "sleep", 0, 24, current.sleep()),
            text(json, "department", SHORT_TEXT, current.department()),
            text(json, "forvaltning", SHORT_TEXT, current.forvaltning()),
            text(json, "description", LONG_TEXT, current.description()),
            current.deleted(),
            flag(json, "disabled", current.disabled()),
            flag(json, "testVehicle", current.testVehicle()),
            current.updatedAt());
    if (json.valid()) {
      checkRules(merged, json);
    }
    json.throwIfInvalid();
    return merged;
  }

  private static void checkRules(VehicleView v, JsonBody json) {
    if (v.typeId() == null) {
      json.error("typeId", "is required: 1 bike, 2 e-bike, 3 EV, 4 fossil car");
    }
    if (v.fuelId() == null) {
      json.error("fuelId", "is required");
    }
    if (v.typeId() != null && v.fuelId() != null) {
      List<Integer> allowed = FUELS_BY_TYPE.get(v.typeId());
      if (!allowed.contains(v.fuelId())) {
        json.error(
            "fuelId",
            "fuel "
                + v.fuelId()
                + " does not fit vehicle type "
                + v.typeId()
                + "; allowed: "
                + allowed);
      }
    }
    if (v.typeId() != null) {
      boolean ev = v.typeId() == EV;
      boolean fossil = v.typeId() == FOSSIL;
      if (ev && v.wltpEl() == null) {
        json.error("wltpEl", "is required for an EV (Wh per km)");
      }
      if (fossil && v.wltpFossil() == null) {
        json.error("wltpFossil", "is required for a fossil car (km per litre)");
      }
      if (!ev && v.wltpEl() != null) {
        json.error("wltpEl", "must be empty unless the vehicle is an EV (type 3)");
      }
      if (!fossil && v.wltpFossil() != null) {
        json.error("wltpFossil", "must be empty unless the vehicle is a fossil car (type 4)");
      }
    }
    if (v.leasingType() != null && v.leasingType() <= 2 && v.endLeasing() == null) {
      json.error("endLeasing", "is required for leasing types 1 and 2");
    }
    LocalDate start = v.startLeasing();
    if (start != null && v.endLeasing() != null && v.endLeasing().isBefore(start)) {
      json.error("endLeasing", "must not be before startLeasing");
    }
  }

  private static String text(JsonBody json, String field, int max, String current) {
    return json.has(field) ? json.text(field, max) : current;
  }

  private static Double number(
      JsonBody json, String field, double min, double max, Double current) {
    return json.has(field) ? json.number(field, min, max) : current;
  }

  private static boolean flag(JsonBody json, String field, boolean current) {
    Boolean value = json.bool(field);
    return value == null ? current : value;
  }

  private static Integer toInt(Long value) {
    return value == null ? null : value.intValue();
  }
}
