package dev.signalyard.queryapi.fleet;

import dev.signalyard.queryapi.fleet.LookupStore.Department;
import dev.signalyard.queryapi.fleet.LookupStore.FuelType;
import dev.signalyard.queryapi.fleet.LookupStore.VehicleType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The fleet's lookup lists: {@code /api/fleet/vehicle-types}, {@code /api/fleet/fuel-types}
 * (read-only, seeded by the migration) and {@code /api/fleet/departments}.
 *
 * <p>Thread-safety: stateless apart from the thread-safe store.
 */
@RestController
@Conditional(FleetDatabaseConfigured.class)
@Tag(name = "Fleet lookups", description = "Vehicle types, fuel types and departments")
public class LookupController {

  private static final Set<String> DEPARTMENT_FIELDS = Set.of("name", "forvaltning");
  private static final int MAX_NAME = 255;

  private final LookupStore store;

  LookupController(LookupStore store) {
    this.store = store;
  }

  @GetMapping("/api/fleet/vehicle-types")
  @Operation(summary = "Vehicle types: 1 bike, 2 e-bike, 3 EV, 4 fossil car")
  public Mono<Map<String, List<VehicleType>>> vehicleTypes() {
    return store.vehicleTypes().collectList().map(items -> Map.of("items", items));
  }

  @GetMapping("/api/fleet/fuel-types")
  @Operation(summary = "Fuel types with the base fuel each refers to")
  public Mono<Map<String, List<FuelType>>> fuelTypes() {
    return store.fuelTypes().collectList().map(items -> Map.of("items", items));
  }

  @GetMapping("/api/fleet/departments")
  @Operation(summary = "Departments by forvaltning and name")
  public Mono<Map<String, List<Department>>> departments() {
    return store.departments().collectList().map(items -> Map.of("items", items));
  }

  @PostMapping("/api/fleet/departments")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Creates a department",
      description = "Body: name (required), forvaltning. 409 when it exists.")
  public Mono<Department> createDepartment(
      @RequestBody(required = false) Map<String, Object> body) {
    JsonBody json = JsonBody.of(body, DEPARTMENT_FIELDS);
    json.require("name");
    String name = json.text("name", MAX_NAME);
    if (name != null && name.isBlank()) {
      json.error("name", "must not be blank");
    }
    String forvaltning = json.text("forvaltning", MAX_NAME);
    json.throwIfInvalid();
    return store.createDepartment(name.strip(), forvaltning == null ? null : forvaltning.strip());
  }
}
