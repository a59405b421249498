package dev.signalyard.queryapi.fleet;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Without {@code signalyard.fleet.database.url} the fleet reference endpoints answer 503 with a
 * "fleet database not configured" problem, so that a client can tell a misconfigured instance from
 * a wrong URL.
 *
 * <p>Thread-safety: stateless.
 */
@RestController
@Hidden
@Conditional(FleetDatabaseConfigured.Not.class)
public class FleetNotConfiguredController {

  @RequestMapping({
    "/api/fleet/locations",
    "/api/fleet/locations/**",
    "/api/fleet/vehicles",
    "/api/fleet/vehicles/**",
    "/api/fleet/vehicle-types",
    "/api/fleet/fuel-types",
    "/api/fleet/departments",
    "/api/fleet/settings"
  })
  public ResponseEntity<ProblemDetail> notConfigured() {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .body(FleetProblems.notConfigured());
  }
}
