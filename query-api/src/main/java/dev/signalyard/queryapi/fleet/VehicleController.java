package dev.signalyard.queryapi.fleet;

import dev.signalyard.platform.web.InvalidRequestException;
import dev.signalyard.platform.web.Problems.FieldError;
import dev.signalyard.queryapi.web.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Fleet vehicles under {@code /api/fleet/vehicles}. Every change is published to the compacted
 * topic {@code fleet-vehicles} through the outbox. Validation rules: see {@link VehicleRequest}.
 *
 * <p>Thread-safety: stateless apart from the thread-safe store.
 */
@RestController
@Conditional(FleetDatabaseConfigured.class)
@Tag(name = "Fleet vehicles", description = "Vehicles of the fleet (the reference's cars)")
public class VehicleController {

  static final int DEFAULT_PAGE_SIZE = 50;
  static final int MAX_PAGE_SIZE = 500;

  private final VehicleStore store;

  VehicleController(VehicleStore store) {
    this.store = store;
  }

  @GetMapping("/api/fleet/vehicles")
  @Operation(
      summary = "A page of vehicles by id",
      description =
          "Filters: location (location id), type (vehicle type id), includeDeleted (default"
              + " false). Paging: page from 0, size 1-500 (default 50).")
  public Mono<VehiclePage> list(
      @RequestParam(required = false) String location,
      @RequestParam(required = false) String type,
      @RequestParam(required = false) String includeDeleted,
      @RequestParam(required = false) String page,
      @RequestParam(required = false) String size) {
    List<FieldError> errors = new ArrayList<>();
    Long locationId = null;
    if (location != null) {
      try {
        locationId = Long.parseLong(location);
      } catch (NumberFormatException e) {
        errors.add(new FieldError("location", "must be a location id"));
      }
    }
    Integer typeId = type == null ? null : QueryParameters.integer("type", type, 0, 1, 4, errors);
    if (includeDeleted != null && !includeDeleted.matches("true|false")) {
      errors.add(new FieldError("includeDeleted", "must be true or false"));
    }
    int pageNumber = QueryParameters.integer("page", page, 0, 0, 1_000_000, errors);
    int pageSize =
        QueryParameters.integer("size", size, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE, errors);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return store.list(locationId, typeId, "true".equals(includeDeleted), pageNumber, pageSize);
  }

  @GetMapping("/api/fleet/vehicles/{id}")
  @Operation(summary = "One vehicle (also when deleted), or 404")
  public Mono<ResponseEntity<Object>> get(@PathVariable long id) {
    return store
        .find(id)
        .map(view -> ResponseEntity.<Object>ok(view))
        .defaultIfEmpty(FleetProblems.notFound("vehicle " + id));
  }

  @PostMapping("/api/fleet/vehicles")
  @Operation(
      summary = "Creates a vehicle with the next API id (from 1,000,000)",
      description = "201 with the vehicle; 400 naming each bad field.")
  public Mono<ResponseEntity<Object>> create(
      @RequestBody(required = false) Map<String, Object> body) {
    VehicleView vehicle = VehicleRequest.merge(VehicleView.blank(), body);
    return store
        .create(vehicle)
        .map(
            view ->
                ResponseEntity.created(URI.create("/api/fleet/vehicles/" + view.id()))
                    .<Object>body(view));
  }

  @PatchMapping("/api/fleet/vehicles/{id}")
  @Operation(
      summary = "Changes some fields of a vehicle",
      description =
          "Fields left out keep their value, null clears one; the result must pass every rule.")
  public Mono<ResponseEntity<Object>> patch(
      @PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
    return store
        .update(id, current -> VehicleRequest.merge(current, body))
        .map(view -> ResponseEntity.<Object>ok(view))
        .defaultIfEmpty(FleetProblems.notFound("vehicle " + id));
  }

  @DeleteMapping("/api/fleet/vehicles/{id}")
  @Operation(summary = "Deletes a vehicle (soft: kept with deleted=true)")
  public Mono<ResponseEntity<Object>> delete(@PathVariable long id) {
    return store
        .delete(id)
        .map(view -> ResponseEntity.<Object>ok(view))
        .defaultIfEmpty(FleetProblems.notFound("vehicle " + id));
  }
}
