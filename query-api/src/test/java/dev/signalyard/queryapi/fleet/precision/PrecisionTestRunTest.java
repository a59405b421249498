package dev.signalyard.queryapi.fleet.precision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.queryapi.fleet.precision.PrecisionTestState.Result;
import dev.signalyard.queryapi.fleet.precision.PrecisionTestState.Spot;
import dev.signalyard.queryapi.fleet.precision.PrecisionTestState.Status;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The states a precision test goes through, and what its feed of states replays and completes. */
class PrecisionTestRunTest {

  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

  private final PrecisionTestRun run =
      new PrecisionTestRun(
          "t1", 7, LocalDate.parse("2026-10-22"), List.of(new Spot(55.68, 12.575)), NOW);

  @Test
  void aQueuedTestIsCancelledAtOnceAndNeverBegins() {
    run.cancel(NOW);

    assertThat(run.state().status()).isEqualTo(Status.CANCELLED);
    assertThat(run.begin()).isFalse();
    assertThat(run.finishedAt()).isEqualTo(NOW);
    assertThat(run.updates().collectList().block())
        .extracting(PrecisionTestState::status)
        .containsExactly(Status.CANCELLED);
  }

  @Test
  void aRunningTestIsOnlyAskedToStop() {
    assertThat(run.begin()).isTrue();
    run.cancel(NOW);

    assertThat(run.cancelRequested()).isTrue();
    assertThat(run.state().status()).isEqualTo(Status.RUNNING);
    run.finish(Status.CANCELLED, null, null, NOW);
    assertThat(run.state().status()).isEqualTo(Status.CANCELLED);
  }

  @Test
  void progressIsVehiclesDoneOverVehiclesAndTheFeedEndsWithTheResult() {
    run.begin();
    run.tripsRead(4, 120);
    run.vehicleDone();
    assertThat(run.state().progress()).isEqualTo(0.25);
    run.vehicleDone();
    run.vehicleDone();
    run.vehicleDone();
    Result result = new Result(0.5, 50, 100, 50, List.of());
    run.finish(Status.DONE, result, null, NOW);
    run.finish(Status.FAILED, null, "too late", NOW);

    PrecisionTestState state = run.state();
    assertThat(state.status()).isEqualTo(Status.DONE);
    assertThat(state.progress()).isEqualTo(1.0);
    assertThat(state.tripsRead()).isEqualTo(120);
    assertThat(state.result()).isEqualTo(result);
    assertThat(run.updates().collectList().block())
        .extracting(PrecisionTestState::status)
        .containsExactly(Status.DONE);
  }
}
