package dev.signalyard.queryapi.fleet.simulations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.platform.web.Problems.FieldError;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checks of a goal-seek body beyond its period, one bad field at a time and all at once. */
class GoalSeekRulesTest {

  private final GoalSeekRules rules = new GoalSeekRules();

  private static Map<String, Object> valid() {
    Map<String, Object> body = new HashMap<>();
    body.put("from", "2026-01-01");
    body.put("to", "2026-01-31");
    body.put("locationIds", List.of(1));
    body.put("currentVehicleIds", List.of(17));
    body.put("fixedVehicleIds", List.of(17, 17));
    body.put("testVehicleIds", List.of(5, 9));
    body.put("prioritisation", 5);
    body.put("limitKm", false);
    body.put("intelligentAllocation", true);
    body.put("settings", Map.of("sub_time", 10, "time_zone", "Europe/Copenhagen"));
    return body;
  }

  private List<String> fieldsOf(Map<String, Object> body) {
    return rules.check(body).stream().map(FieldError::field).toList();
  }

  @Test
  void acceptsACompleteBody() {
    assertThat(rules.check(valid())).isEmpty();
  }

  @Test
  void acceptsTodaysFleetFromVehiclesAlone() {
    Map<String, Object> body = valid();
    body.remove("locationIds");

    assertThat(rules.check(body)).isEmpty();
  }

  @Test
  void needsALocationOrACurrentVehicle() {
    Map<String, Object> body = valid();
    body.remove("locationIds");
    body.put("currentVehicleIds", List.of());

    assertThat(fieldsOf(body)).containsExactly("locationIds");
  }

  @Test
  void prioritisationIsRequiredAndFromZeroToTen() {
    Map<String, Object> body = valid();
    body.remove("prioritisation");
    assertThat(fieldsOf(body)).containsExactly("prioritisation");

    body.put("prioritisation", 2.5);
    assertThat(fieldsOf(body)).containsExactly("prioritisation");

    body.put("prioritisation", -1);
    assertThat(fieldsOf(body)).containsExactly("prioritisation");

    body.put("prioritisation", 11);
    assertThat(rules.check(body))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("0 to 10"));

    body.put("prioritisation", 0);
    assertThat(rules.check(body)).isEmpty();
    body.put("prioritisation", 10);
    assertThat(rules.check(body)).isEmpty();
  }

  @Test
  void namesEveryBadFieldAtOnce() {
    Map<String, Object> body = valid();
    body.put("locationIds", "1");
    body.put("currentVehicleIds", List.of(17, "x"));
    body.put("fixedVehicleIds", List.of(1.5));
    body.put("testVehicleIds", Map.of("id", 5));
    body.put("limitKm", "no");
    body.put("intelligentAllocation", 1);
    body.put("settings", Map.of("no_such_setting", "1", "percentage_of_trips", "150"));

    assertThat(fieldsOf(body))
        .containsExactlyInAnyOrder(
            "locationIds",
            "currentVehicleIds[1]",
            "fixedVehicleIds[0]",
            "testVehicleIds",
            "limitKm",
            "intelligentAllocation",
            "settings.no_such_setting",
            "settings.percentage_of_trips");
  }
}
