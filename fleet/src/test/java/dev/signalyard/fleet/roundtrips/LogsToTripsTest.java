package dev.signalyard.fleet.roundtrips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogsToTripsTest {

  private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
  private static final Place HOME = Place.HOME;

  private static GpsPoint point(int minute, Place place, boolean ignition) {
    return new GpsPoint(
        T0.plusSeconds(60L * minute), place.latitude(), place.longitude(), ignition);
  }

  private static double km(Place a, Place b) {
    return Haversine.distanceKm(a.latitude(), a.longitude(), b.latitude(), b.longitude());
  }

  @Test
  void aDriveFromIgnitionOnToIgnitionOffIsOneTripWithTheSummedDistance() {
    Place p1 = HOME.offset(1, 0);
    Place p2 = HOME.offset(1, 1);
    List<GpsPoint> points =
        List.of(
            point(0, HOME, true),
            point(2, p1, true),
            point(4, p2, true),
            point(5, p2, false),
            point(30, p2, false));

    List<TripLog> trips = LogsToTrips.trips("car7", points);

    assertThat(trips).hasSize(1);
    TripLog trip = trips.get(0);
    assertThat(trip.id()).isEqualTo("car7-" + T0.toEpochMilli());
    assertThat(trip.start()).isEqualTo(T0);
    assertThat(trip.end()).isEqualTo(T0.plusSeconds(300));
    assertThat(trip.startLatitude()).isEqualTo(HOME.latitude());
    assertThat(trip.endLongitude()).isEqualTo(p2.longitude());
    assertThat(trip.distanceKm()).isCloseTo(km(HOME, p1) + km(p1, p2) + 0.0, within(1e-12));
  }

  @Test
  void splitsOnIgnitionChanges() {
    Place a = HOME.offset(1, 0);
    Place b = HOME.offset(2, 0);
    List<GpsPoint> points =
        List.of(
            point(0, HOME, true),
            point(3, a, true),
            point(4, a, false),
            point(20, a, true),
            point(23, b, true),
            point(24, b, false));

    List<TripLog> trips = LogsToTrips.trips("car", points);

    assertThat(trips).extracting(TripLog::start).containsExactly(T0, T0.plusSeconds(1200));
    assertThat(trips.get(1).distanceKm()).isCloseTo(km(a, b), within(1e-12));
  }

  @Test
  void dropsZeroZeroPoints() {
    Place a = HOME.offset(1, 0);
    List<GpsPoint> points =
        List.of(
            point(0, HOME, true),
            point(1, new Place(0, 0), true),
            point(3, a, true),
            point(4, a, false));

    List<TripLog> trips = LogsToTrips.trips("car", points);

    assertThat(trips).hasSize(1);
    assertThat(trips.get(0).distanceKm()).isCloseTo(km(HOME, a), within(1e-12));
  }

  @Test
  void dropsAPointFasterThan200KmPerHourToTheNextPoint() {
    // A GPS jump 50 km away one minute before the next point: 3000 km/h -> dropped. The point
    // before it is 1 km from the jump's next point in 2 min (30 km/h), but it is checked against
    // the jump (50 km in 1 min) and is also dropped, as in the reference's single pass.
    Place a = HOME.offset(1, 0);
    Place jump = HOME.offset(50, 0);
    Place b = HOME.offset(2, 0);
    List<GpsPoint> points =
        List.of(
            point(0, HOME, true),
            point(3, a, true),
            point(4, jump, true),
            point(5, b, true),
            point(6, b, false));

    List<TripLog> trips = LogsToTrips.trips("car", points);

    assertThat(trips).hasSize(1);
    assertThat(trips.get(0).distanceKm()).isCloseTo(km(HOME, b), within(1e-12));
  }

  @Test
  void keepsOnlyGroupsThatStartOnEndOffAndAreMostlyOn() {
    Place a = HOME.offset(1, 0);
    List<GpsPoint> points = new ArrayList<>();
    // Starts off: the leading parked points form a group that does not start on.
    points.add(point(0, HOME, false));
    points.add(point(1, HOME, false));
    // One on point followed by three off points: 25 % on -> dropped.
    points.add(point(10, HOME, true));
    points.add(point(12, a, false));
    points.add(point(20, a, false));
    points.add(point(30, a, false));
    // Two on, two off: exactly 50 % -> kept.
    points.add(point(40, a, true));
    points.add(point(42, HOME, true));
    points.add(point(43, HOME, false));
    points.add(point(50, HOME, false));
    // Still driving when the data ends: does not end off -> dropped.
    points.add(point(60, HOME, true));
    points.add(point(62, a, true));

    List<TripLog> trips = LogsToTrips.trips("car", points);

    assertThat(trips).extracting(TripLog::start).containsExactly(T0.plusSeconds(40 * 60));
  }
}
