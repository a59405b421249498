package dev.signalyard.fleet.roundtrips;

import static dev.signalyard.fleet.roundtrips.Trips.at;
import static dev.signalyard.fleet.roundtrips.Trips.idsOf;
import static dev.signalyard.fleet.roundtrips.Trips.trip;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TripPreCleanTest {

  private static final Place HOME = Place.HOME;

  @Test
  void sortsByStart() {
    List<TripLog> trips =
        List.of(
            trip("b", 0, "10:00", "10:30", HOME, HOME, 1),
            trip("a", 0, "08:00", "08:30", HOME, HOME, 1));

    assertThat(idsOf(TripPreClean.sanitiseForOverlaps(trips))).containsExactly("a", "b");
  }

  @Test
  void dropsTripsOfTwentyDaysOrMore() {
    List<TripLog> trips =
        List.of(
            trip("bogus", at(0, "08:00"), at(20, "08:00"), HOME, HOME, 1),
            trip("kept", at(1, "08:00"), at(1, "09:00"), HOME, HOME, 1),
            trip("almost", at(2, "08:00"), at(21, "07:59"), HOME, HOME, 1));

    // The 20-day trip goes first, so it cannot make "kept" an overlap.
    assertThat(idsOf(TripPreClean.sanitiseForOverlaps(trips))).containsExactly("kept", "almost");
  }

  @Test
  void comparesWithTheLatestKeptEndNotJustThePreviousTrip() {
    List<TripLog> trips =
        List.of(
            trip("long", 0, "08:00", "12:00", HOME, HOME, 1),
            trip("inside", 0, "09:00", "09:30", HOME, HOME, 1),
            trip("alsoInside", 0, "10:00", "10:30", HOME, HOME, 1),
            trip("after", 0, "12:00", "12:30", HOME, HOME, 1));

    assertThat(idsOf(TripPreClean.sanitiseForOverlaps(trips))).containsExactly("long", "after");
  }
}
