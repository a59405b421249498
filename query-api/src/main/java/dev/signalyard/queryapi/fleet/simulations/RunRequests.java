package dev.signalyard.queryapi.fleet.simulations;

import dev.signalyard.platform.web.InvalidRequestException;
import dev.signalyard.platform.web.Problems.FieldError;
import dev.signalyard.schemas.fleet.SimulationKind;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a run's request body and turns it into the {@code requestJson} the command carries: the
 * period every run has ({@code from} and {@code to}, ISO dates, {@code to} not before {@code from},
 * at most {@value #MAX_DAYS} days) plus the rules of its kind ({@link RunRequestRules}). Every bad
 * field is named in one 400 problem.
 *
 * <p>Thread-safety: immutable after construction.
 */
final class RunRequests {

  static final int MAX_DAYS = 366 * 3;

  private final Map<SimulationKind, RunRequestRules> rules = new EnumMap<>(SimulationKind.class);
  private final JsonMapper json;

  /**
   * @throws IllegalArgumentException when two rules claim one kind
   */
  RunRequests(List<RunRequestRules> rules, JsonMapper json) {
    for (RunRequestRules rule : rules) {
      if (this.rules.putIfAbsent(rule.kind(), rule) != null) {
        throw new IllegalArgumentException("two request rules for " + rule.kind());
      }
    }
    this.json = json;
  }

  /**
   * The request as stored in the command.
   *
   * @throws InvalidRequestException naming every bad field
   */
  String accept(SimulationKind kind, Map<String, Object> body) {
    if (body == null) {
      throw new InvalidRequestException(
          List.of(new FieldError("body", "must be a JSON object with from and to")));
    }
    List<FieldError> errors = new ArrayList<>();
    LocalDate from = date(body, "from", errors);
    LocalDate to = date(body, "to", errors);
    if (from != null && to != null) {
      if (to.isBefore(from)) {
        errors.add(new FieldError("to", "must not be before from"));
      } else if (from.plusDays(MAX_DAYS).isBefore(to)) {
        errors.add(new FieldError("to", "the period may be at most " + MAX_DAYS + " days"));
      }
    }
    RunRequestRules kindRules = rules.get(kind);
    if (kindRules != null) {
      errors.addAll(kindRules.check(body));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return json.writeValueAsString(body);
  }

  private static LocalDate date(Map<String, Object> body, String field, List<FieldError> errors) {
    Object value = body.get(field);
    if (!(value instanceof String text)) {
      errors.add(new FieldError(field, "required, an ISO date such as 2026-01-31"));
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(field, "must be an ISO date such as 2026-01-31"));
      return null;
    }
  }
}
