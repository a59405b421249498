package dev.signalyard.queryapi.fleet;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Locations with their extra parking spots under {@code /api/fleet/locations}. Every change is
 * published to the compacted topic {@code fleet-locations} through the outbox.
 *
 * <p>Thread-safety: stateless apart from the thread-safe store.
 */
@RestController
@Conditional(FleetDatabaseConfigured.class)
@Tag(name = "Fleet locations", description = "Locations vehicles start from, with parking spots")
public class LocationController {

  private final LocationStore store;

  LocationController(LocationStore store) {
    this.store = store;
  }

  @GetMapping("/api/fleet/locations")
  @Operation(summary = "Every location that is not deleted, by id")
  public Mono<Map<String, List<LocationView>>> list() {
    return store.list().collectList().map(items -> Map.of("items", items));
  }

  @GetMapping("/api/fleet/locations/{id}")
  @Operation(summary = "One location, or 404")
  public Mono<ResponseEntity<Object>> get(@PathVariable long id) {
    return store
        .find(id)
        .map(view -> ResponseEntity.<Object>ok(view))
        .defaultIfEmpty(FleetProblems.notFound("location " + id));
  }

  @PostMapping("/api/fleet/locations")
  @Operation(
      summary = "Creates a location",
      description =
          "Body: address, latitude, longitude (required), additions [{latitude, longitude}]."
              + " 201 with the location, 400 naming each bad field.")
  public Mono<ResponseEntity<Object>> create(
      @RequestBody(required = false) Map<String, Object> body) {
    LocationRequest request = LocationRequest.parse(body, true);
    return store
        .create(request)
        .map(
            view ->
                ResponseEntity.created(URI.create("/api/fleet/locations/" + view.id()))
                    .<Object>body(view));
  }

  @PutMapping("/api/fleet/locations/{id}")
  @Operation(
      summary = "Replaces a location",
      description = "Like POST; additions left out keep the current parking spots.")
  public Mono<ResponseEntity<Object>> replace(
      @PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
    return update(id, LocationRequest.parse(body, true));
  }

  @PatchMapping("/api/fleet/locations/{id}")
  @Operation(
      summary = "Changes some fields of a location",
      description = "Fields left out keep their value; additions, when given, replace all spots.")
  public Mono<ResponseEntity<Object>> patch(
      @PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
    return update(id, LocationRequest.parse(body, false));
  }

  @DeleteMapping("/api/fleet/locations/{id}")
  @Operation(
      summary = "Deletes a location (soft)",
      description = "409 while vehicles that are not deleted still belong to it.")
  public Mono<ResponseEntity<Object>> delete(@PathVariable long id) {
    return store
        .delete(id)
        .map(view -> ResponseEntity.<Object>ok(view))
        .defaultIfEmpty(FleetProblems.notFound("location " + id));
  }

  private Mono<ResponseEntity<Object>> update(long id, LocationRequest request) {
    return store
        .update(id, request)
        .map(view -> ResponseEntity.<Object>ok(view))
        .defaultIfEmpty(FleetProblems.notFound("location " + id));
  }
}
