package dev.signalyard.fleet.roundtrips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HaversineTest {

  @Test
  void oneDegreeOfLatitudeIsPiRadiusOver180() {
    // 6371 km * pi / 180 = 111.19492664... km, the same along any meridian.
    assertThat(Haversine.distanceKm(55, 12, 56, 12)).isCloseTo(111.194926645, within(1e-6));
    assertThat(Haversine.distanceKm(-10, 170, -9, 170)).isCloseTo(111.194926645, within(1e-6));
  }

  @Test
  void aDegreeOfLongitudeShrinksWithTheCosineOfTheLatitudeOnTheEquatorItIsFull() {
    assertThat(Haversine.distanceKm(0, 0, 0, 1)).isCloseTo(111.194926645, within(1e-6));
    assertThat(Haversine.distanceKm(0, 0, 0, 0)).isZero();
  }

  @Test
  void antipodesAreHalfTheCircumferenceApart() {
    assertThat(Haversine.distanceKm(0, 0, 0, 180)).isCloseTo(Math.PI * 6371, within(1e-6));
  }

  @Test
  void theTermOrdersDistancesLikeTheDistance() {
    double km = 0.3;
    double term = Haversine.termOfKm(km);

    assertThat(Haversine.kmOfTerm(term)).isCloseTo(km, within(1e-12));
    assertThat(Haversine.termOfKm(0.29)).isLessThan(term);
  }
}
