package dev.signalyard.fleet.roundtrips;

import static dev.signalyard.fleet.roundtrips.Trips.trip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrecisionTest {

  private static final Place HOME = Place.HOME;
  private static final StartPoint START = HOME.asStart(1);

  private static AggregatedRoundtrip roundtrip(AggregationType type, TripLog... trips) {
    double km = 0;
    for (TripLog trip : trips) {
      km += trip.distanceKm();
    }
    return new AggregatedRoundtrip(
        trips[0].start(), trips[trips.length - 1].end(), km, type, START, List.of(trips));
  }

  private final TripLog before = trip("before", 0, "06:00", "06:30", HOME, HOME, 100);
  private final TripLog a = trip("a", 0, "08:00", "08:30", HOME, HOME, 30);
  private final TripLog b = trip("b", 0, "09:00", "09:30", HOME, HOME, 10);
  private final TripLog c = trip("c", 0, "10:00", "10:30", HOME, HOME, 15);
  private final TripLog loose = trip("loose", 0, "11:00", "11:30", HOME, HOME, 5);
  private final TripLog d = trip("d", 0, "12:00", "12:30", HOME, HOME, 40);
  private final TripLog after = trip("after", 0, "14:00", "14:30", HOME, HOME, 100);

  private final List<AggregatedRoundtrip> roundtrips =
      List.of(
          roundtrip(AggregationType.COMPLETE, a, b),
          roundtrip(AggregationType.TOO_LONG, c),
          roundtrip(AggregationType.COMPLETE, d));

  @Test
  void storedPrecisionIsTheCompleteShareOfTypedKmInPercent() {
    // complete 40 + 40 = 80 of 40 + 15 + 40 = 95 km -> 84.21 %
    assertThat(Precision.storedPercent(roundtrips)).isCloseTo(100.0 * 80 / 95, within(1e-9));
    assertThat(Precision.storedPercent(List.of())).isZero();
  }

  @Test
  void aVehiclesPrecisionCountsRawKmBetweenTheFirstAndTheLastRoundtrip() {
    // raw km within 08:00-12:30: a 30 + b 10 + c 15 + loose 5 + d 40 = 100; complete 80 -> 0.8.
    // The 100-km trips before and after the roundtrips do not count.
    VehiclePrecision precision =
        Precision.ofVehicle(List.of(after, d, loose, c, b, a, before), roundtrips);

    assertThat(precision.rawKm()).isEqualTo(100.0);
    assertThat(precision.completeKm()).isEqualTo(80.0);
    assertThat(precision.precision()).isCloseTo(0.8, within(1e-12));
  }

  @Test
  void noRoundtripsMeansNoPrecision() {
    assertThat(Precision.ofVehicle(List.of(a), List.of())).isEqualTo(new VehiclePrecision(0, 0, 0));
  }

  @Test
  void theLocationsPrecisionWeighsVehiclesByRawKm() {
    // (100 * 0.8 + 300 * 0.5) / 400 = 230 / 400 = 0.575; a vehicle without km adds nothing.
    double combined =
        Precision.combined(
            List.of(
                new VehiclePrecision(100, 80, 0.8),
                new VehiclePrecision(300, 150, 0.5),
                new VehiclePrecision(0, 0, 0)));

    assertThat(combined).isCloseTo(0.575, within(1e-12));
    assertThat(Precision.combined(List.of())).isZero();
  }
}
