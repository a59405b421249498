package dev.signalyard.queryapi.fleet.statistics;

import dev.signalyard.platform.web.Problems.FieldError;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.LocalDate;
import java.util.List;

/**
 * The filter query parameters every statistics endpoint takes, bound from the query string as they
 * came (any text binds) and checked by {@link #filter}, so that a bad one is a 400 problem naming
 * its field rather than a binding error. The OpenAPI document lists each component as a query
 * parameter of its own.
 *
 * <p>Immutable.
 *
 * @param from first day, ISO date
 * @param to last day, ISO date
 * @param locations location ids
 * @param vehicles vehicle ids
 * @param types vehicle type ids
 */
public record StatisticsParameters(
    @Parameter(
            description =
                "First day, ISO date (UTC), inclusive; default 29 days before to (30 days in all)")
        String from,
    @Parameter(description = "Last day, ISO date (UTC), inclusive; default today") String to,
    @Parameter(description = "Location ids, repeated or comma-separated; default all")
        List<String> locations,
    @Parameter(description = "Vehicle ids, repeated or comma-separated; default all")
        List<String> vehicles,
    @Parameter(
            description =
                "Vehicle type ids (1 bike, 2 e-bike, 3 EV, 4 fossil car), repeated or"
                    + " comma-separated; default all")
        List<String> types) {

  /**
   * The filter these parameters describe, or null after adding every bad parameter to {@code
   * errors}; see {@link StatisticsFilter#parse}.
   */
  StatisticsFilter filter(LocalDate today, int maxSpanDays, List<FieldError> errors) {
    return StatisticsFilter.parse(from, to, locations, vehicles, types, today, maxSpanDays, errors);
  }
}
