package dev.signalyard.queryapi.fleet.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.platform.web.Problems.FieldError;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing of the statistics filters: defaults, id lists and the errors that name each field. */
class StatisticsFilterTest {

  private static final LocalDate TODAY = LocalDate.parse("2026-11-22");

  private final List<FieldError> errors = new ArrayList<>();

  @Test
  void defaultsToTheThirtyDaysUpToToday() {
    StatisticsFilter filter =
        StatisticsFilter.parse(null, null, null, null, null, TODAY, 731, errors);

    assertThat(errors).isEmpty();
    assertThat(filter.from()).isEqualTo(LocalDate.parse("2026-10-24"));
    assertThat(filter.to()).isEqualTo(TODAY);
    assertThat(filter.days()).isEqualTo(30);
    assertThat(filter.previousPeriod().to()).isEqualTo(LocalDate.parse("2026-10-23"));
    assertThat(filter.previousPeriod().days()).isEqualTo(30);
  }

  @Test
  void takesRepeatedAndCommaSeparatedIds() {
    StatisticsFilter filter =
        StatisticsFilter.parse(
            "2026-11-01",
            "2026-11-02",
            List.of("1,2", "3"),
            List.of("10"),
            List.of("3,4"),
            TODAY,
            731,
            errors);

    assertThat(filter.locations()).containsExactlyInAnyOrder(1L, 2L, 3L);
    assertThat(filter.vehicles()).containsExactly(10L);
    assertThat(filter.types()).containsExactlyInAnyOrder(3, 4);
    assertThat(filter.admitsLocation(2L)).isTrue();
    assertThat(filter.admitsLocation(null)).isFalse();
  }

  @Test
  void namesEveryBadField() {
    StatisticsFilter filter =
        StatisticsFilter.parse(
            "2026-02-30",
            "yesterday",
            List.of("a"),
            List.of("1.5"),
            List.of("7"),
            TODAY,
            731,
            errors);

    assertThat(filter).isNull();
    assertThat(errors)
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("from", "to", "locations", "vehicles", "types");
  }

  @Test
  void refusesAReversedOrTooLongSpan() {
    StatisticsFilter.parse("2026-11-10", "2026-11-01", null, null, null, TODAY, 731, errors);
    StatisticsFilter.parse("2026-01-01", "2026-03-01", null, null, null, TODAY, 31, errors);

    assertThat(errors)
        .extracting(FieldError::message)
        .containsExactly("must not be after to", "from..to must not cover more than 31 days");
  }

  @Test
  void groupsFuelsAsTheyBurn() {
    assertThat(FuelGroup.of(5)).isEqualTo(FuelGroup.PETROL);
    assertThat(FuelGroup.of(6)).isEqualTo(FuelGroup.DIESEL);
    assertThat(FuelGroup.of(8)).isEqualTo(FuelGroup.ELECTRIC);
    assertThat(FuelGroup.of(11)).isEqualTo(FuelGroup.HVO);
    assertThat(FuelGroup.of(null)).isEqualTo(FuelGroup.UNKNOWN);
  }
}
