package dev.signalyard.queryapi.fleet;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.context.annotation.Conditional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The simulation settings under {@code /api/fleet/settings}, keyed by the reference's setting names
 * (e.g. {@code el_udledning}, {@code sub_time}, {@code bike_settings}, {@code vagt_dashboard}).
 * Every change is published to the compacted topic {@code fleet-settings} through the outbox.
 * Validation rules: see {@link SettingsRules}.
 *
 * <p>Thread-safety: stateless apart from the thread-safe store.
 */
@RestController
@Conditional(FleetDatabaseConfigured.class)
@Tag(
    name = "Fleet settings",
    description = "Simulation settings (emission factors, prices, shifts)")
public class SettingsController {

  private final SettingsStore store;

  SettingsController(SettingsStore store) {
    this.store = store;
  }

  @GetMapping("/api/fleet/settings")
  @Operation(summary = "Every simulation setting by name")
  public Mono<Map<String, Object>> all() {
    return store.all();
  }

  @PatchMapping("/api/fleet/settings")
  @Operation(
      summary = "Changes some settings",
      description =
          "Body: {name: value} for the settings to change; vagt_{locationId}: null removes a"
              + " location's shifts. 400 naming each bad setting; answers every setting.")
  public Mono<Map<String, Object>> patch(@RequestBody(required = false) Map<String, Object> body) {
    return store.patch(body);
  }
}
