package dev.signalyard.benchmarks.fleet;

import dev.signalyard.fleet.roundtrips.StartPoint;
import dev.signalyard.fleet.roundtrips.TripLog;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates a municipal fleet's trip history deterministically from a seed, shaped like the data
 * set of the roundtrip-aggregation issue: about 50 locations (some with additional parking spots)
 * in a 30 km wide area, each vehicle based at one of them, and on working days 8-15 trips in rounds
 * of 2-5 legs that mostly return home. Some rounds end at another location or stay out for days,
 * some trips end a little off the spot (GPS shift), and a few overlap their predecessor. Weekends
 * see the odd round.
 *
 * <p>Immutable after construction and thread-safe; {@link #vehicleTrips} is deterministic per
 * (seed, vehicle index).
 */
public final class RoundtripTripGenerator {

  private static final double CENTRE_LATITUDE = 55.6761;
  private static final double CENTRE_LONGITUDE = 12.5683;
  private static final double KM_PER_DEGREE = 111.195;

  private final long seed;
  private final List<StartPoint> starts;
  private final List<StartPoint> mainSpots;

  /**
   * A generator for one fleet.
   *
   * @param seed the seed of every random choice
   * @param locations number of locations (each gets a main spot and 0-2 additional spots)
   */
  public RoundtripTripGenerator(long seed, int locations) {
    this.seed = seed;
    SplittableRandom random = new SplittableRandom(seed);
    List<StartPoint> all = new ArrayList<>();
    List<StartPoint> main = new ArrayList<>();
    for (long id = 1; id <= locations; id++) {
      double[] spot =
          offset(CENTRE_LATITUDE, CENTRE_LONGITUDE, gaussian(random) * 7, gaussian(random) * 7);
      StartPoint mainSpot = new StartPoint(id, spot[0], spot[1]);
      main.add(mainSpot);
      all.add(mainSpot);
      int additions = random.nextInt(3);
      for (int a = 0; a < additions; a++) {
        double[] extra =
            offset(spot[0], spot[1], random.nextDouble(-0.4, 0.4), random.nextDouble(-0.4, 0.4));
        all.add(new StartPoint(id, extra[0], extra[1]));
      }
    }
    this.starts = List.copyOf(all);
    this.mainSpots = List.copyOf(main);
  }

  /** Every location's spots, as the aggregation of any vehicle of the fleet receives them. */
  public List<StartPoint> starts() {
    return starts;
  }

  /**
   * One vehicle's trips over a period, in time order (with the occasional overlap).
   *
   * @param vehicle the vehicle's index; its home is a location chosen from it
   * @param firstDay the first day (UTC)
   * @param days number of days
   * @return the trips
   */
  public List<TripLog> vehicleTrips(int vehicle, LocalDate firstDay, int days) {
    SplittableRandom random = new SplittableRandom(seed * 31 + vehicle);
    StartPoint home = mainSpots.get(random.nextInt(mainSpots.size()));
    List<TripLog> trips = new ArrayList<>(days * 8);
    double[] at = {home.latitude(), home.longitude()};
    Instant busyUntil = firstDay.atStartOfDay().toInstant(ZoneOffset.UTC);
    for (int d = 0; d < days; d++) {
      LocalDate day = firstDay.plusDays(d);
      boolean weekend =
          day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
      int trips0 = trips.size();
      int target = weekend ? (random.nextInt(6) == 0 ? 2 : 0) : 8 + random.nextInt(8);
      Instant time =
          day.atStartOfDay()
              .toInstant(ZoneOffset.UTC)
              .plusSeconds(6 * 3600 + random.nextInt(3 * 3600));
      if (time.isBefore(busyUntil)) {
        continue;
      }
      while (trips.size() - trips0 < target) {
        int legs = 2 + random.nextInt(4);
        for (int leg = 0; leg < legs && trips.size() - trips0 < target; leg++) {
          boolean lastLeg = leg == legs - 1 || trips.size() - trips0 == target - 1;
          double[] to = lastLeg ? returnSpot(random, home) : destination(random, at);
          time = addTrip(trips, vehicle, random, time, at, to);
          at = to;
          time =
              time.plus(
                  Duration.ofMinutes(lastLeg ? 20 + random.nextInt(90) : 5 + random.nextInt(50)));
        }
      }
      if (!weekend && random.nextInt(40) == 0) {
        // Multi-day: out to a far place, parked there 1-3 days.
        double[] far = offset(at[0], at[1], gaussian(random) * 60, gaussian(random) * 60);
        time = addTrip(trips, vehicle, random, time, at, far);
        time = time.plus(Duration.ofDays(1 + random.nextInt(3)));
        time =
            addTrip(
                trips,
                vehicle,
                random,
                time,
                far,
                new double[] {home.latitude(), home.longitude()});
        at = new double[] {home.latitude(), home.longitude()};
      }
      busyUntil = time;
    }
    return trips;
  }

  private Instant addTrip(
      List<TripLog> trips,
      int vehicle,
      SplittableRandom random,
      Instant time,
      double[] from,
      double[] to) {
    double straightKm = distanceKm(from, to);
    double km = straightKm * (1.15 + random.nextDouble() * 0.35) + random.nextDouble() * 0.2;
    long minutes = 3 + Math.round(km * (1.2 + random.nextDouble()));
    Instant start = time;
    if (random.nextInt(60) == 0) {
      start = start.minus(Duration.ofMinutes(1 + random.nextInt(20)));
    }
    Instant end = start.plus(Duration.ofMinutes(minutes));
    trips.add(
        new TripLog(
            "v" + vehicle + "-" + trips.size(), start, end, from[0], from[1], to[0], to[1], km));
    return end;
  }

  private double[] destination(SplittableRandom random, double[] at) {
    int roll = random.nextInt(20);
    if (roll == 0) {
      StartPoint other = mainSpots.get(random.nextInt(mainSpots.size()));
      return new double[] {other.latitude(), other.longitude()};
    }
    double reach = roll < 17 ? 4 : 25;
    return offset(at[0], at[1], gaussian(random) * reach, gaussian(random) * reach);
  }

  private double[] returnSpot(SplittableRandom random, StartPoint home) {
    int roll = random.nextInt(20);
    if (roll == 0) {
      StartPoint other = mainSpots.get(random.nextInt(mainSpots.size()));
      return new double[] {other.latitude(), other.longitude()};
    }
    if (roll < 4) {
      return offset(
          home.latitude(), home.longitude(), gaussian(random) * 0.08, gaussian(random) * 0.08);
    }
    return new double[] {home.latitude(), home.longitude()};
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  private static double[] offset(double latitude, double longitude, double northKm, double eastKm) {
    return new double[] {
      latitude + northKm / KM_PER_DEGREE,
      longitude + eastKm / (KM_PER_DEGREE * Math.cos(Math.toRadians(latitude)))
    };
  }

  private static double distanceKm(double[] a, double[] b) {
    return dev.signalyard.fleet.roundtrips.Haversine.distanceKm(a[0], a[1], b[0], b[1]);
  }
}
