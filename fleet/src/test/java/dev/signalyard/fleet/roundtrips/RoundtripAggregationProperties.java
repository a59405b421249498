package dev.signalyard.fleet.roundtrips;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Invariants of the aggregation over random but realistic trip sequences: a few homes with
 * additional spots, mostly driving out and back, some far trips, multi-day parking, GPS shift near
 * home, the odd overlapping or 0,0 trip.
 */
class RoundtripAggregationProperties {

  @Property(tries = 300)
  void noTripKmIsLostTwiceOrInventedAndRoundtripsDoNotOverlap(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 150) int tripCount,
      @ForAll boolean onlyNatural,
      @ForAll boolean clearForceEnd,
      @ForAll boolean birdFlight) {
    Scenario scenario = Scenario.random(seed, tripCount);
    AggregationSettings settings =
        new AggregationSettings(Duration.ofDays(7), birdFlight, onlyNatural, clearForceEnd);

    List<AggregatedRoundtrip> roundtrips =
        new RoundtripAggregator(settings).aggregate(scenario.trips(), scenario.starts());

    Set<String> cleanedIds = new HashSet<>();
    for (TripLog trip : TripPreClean.sanitiseForOverlaps(scenario.trips())) {
      cleanedIds.add(trip.id());
    }
    Set<String> seen = new HashSet<>();
    Instant previousEnd = Instant.MIN;
    for (AggregatedRoundtrip roundtrip : roundtrips) {
      assertThat(roundtrip.trips()).isNotEmpty();
      double km = 0;
      for (TripLog trip : roundtrip.trips()) {
        assertThat(cleanedIds).contains(trip.id());
        assertThat(seen.add(trip.id())).as("trip %s in two roundtrips", trip.id()).isTrue();
        km += trip.distanceKm();
      }
      assertThat(roundtrip.distanceKm()).isEqualTo(km);
      assertThat(roundtrip.start()).isEqualTo(roundtrip.trips().get(0).start());
      assertThat(roundtrip.end())
          .isEqualTo(roundtrip.trips().get(roundtrip.trips().size() - 1).end());
      assertThat(roundtrip.start()).isAfterOrEqualTo(previousEnd);
      assertThat(roundtrip.home() != null || roundtrip.type() == AggregationType.INBETWEEN)
          .isTrue();
      previousEnd = roundtrip.end();
    }
  }

  @Property(tries = 200)
  void theInputOrderDoesNotMatter(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 150) int tripCount,
      @ForAll long shuffleSeed) {
    Scenario scenario = Scenario.random(seed, tripCount);
    RoundtripAggregator aggregator = new RoundtripAggregator(AggregationSettings.defaults());
    List<TripLog> shuffled = new ArrayList<>(scenario.trips());
    Collections.shuffle(shuffled, new Random(shuffleSeed));

    assertThat(aggregator.aggregate(shuffled, scenario.starts()))
        .isEqualTo(aggregator.aggregate(scenario.trips(), scenario.starts()));
  }

  @Property(tries = 100)
  void everyCompleteKmIsAlsoRawKm(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 150) int tripCount) {
    Scenario scenario = Scenario.random(seed, tripCount);
    List<AggregatedRoundtrip> roundtrips =
        new RoundtripAggregator(AggregationSettings.defaults())
            .aggregate(scenario.trips(), scenario.starts());

    VehiclePrecision precision = Precision.ofVehicle(scenario.trips(), roundtrips);

    assertThat(precision.completeKm()).isLessThanOrEqualTo(precision.rawKm() + 1e-9);
    assertThat(precision.precision()).isBetween(0.0, 1.0 + 1e-12);
    assertThat(Precision.storedPercent(roundtrips)).isBetween(0.0, 100.0 + 1e-9);
  }

  /** A random vehicle history. */
  record Scenario(List<TripLog> trips, List<StartPoint> starts) {

    static Scenario random(long seed, int tripCount) {
      Random random = new Random(seed);
      List<StartPoint> starts = new ArrayList<>();
      int locations = 1 + random.nextInt(3);
      List<Place> homes = new ArrayList<>();
      for (int location = 1; location <= locations; location++) {
        Place main = Place.HOME.offset(random.nextGaussian() * 8, random.nextGaussian() * 8);
        homes.add(main);
        starts.add(main.asStart(location));
        if (random.nextInt(3) == 0) {
          Place addition = main.offset(random.nextDouble() * 0.4, random.nextDouble() * 0.4);
          homes.add(addition);
          starts.add(addition.asStart(location));
        }
      }
      List<TripLog> trips = new ArrayList<>(tripCount);
      Place at = homes.get(0);
      Instant time = Instant.parse("2026-01-05T07:00:00Z");
      for (int i = 0; i < tripCount; i++) {
        Place to = destination(random, at, homes);
        double straightKm =
            Haversine.distanceKm(at.latitude(), at.longitude(), to.latitude(), to.longitude());
        double km = straightKm * (1.1 + random.nextDouble() * 0.4) + random.nextDouble() * 0.3;
        long minutes = 2 + Math.round(km * (1.0 + random.nextDouble()));
        Instant start = time;
        if (random.nextInt(25) == 0) {
          start = start.minus(Duration.ofMinutes(1 + random.nextInt(30)));
        }
        Instant end = start.plus(Duration.ofMinutes(minutes));
        Place from = random.nextInt(60) == 0 ? new Place(0, 0) : at;
        trips.add(
            new TripLog(
                "t" + i,
                start,
                end,
                from.latitude(),
                from.longitude(),
                to.latitude(),
                to.longitude(),
                km));
        time = end.plus(stop(random));
        at = to;
      }
      return new Scenario(trips, starts);
    }

    private static Place destination(Random random, Place at, List<Place> homes) {
      int roll = random.nextInt(10);
      if (roll < 4) {
        Place home = homes.get(random.nextInt(homes.size()));
        // GPS shift: sometimes the car parks a little off the spot.
        return random.nextInt(4) == 0
            ? home.offset(random.nextGaussian() * 0.1, random.nextGaussian() * 0.1)
            : home;
      }
      double reach = roll < 9 ? 3 : 40;
      return at.offset(random.nextGaussian() * reach, random.nextGaussian() * reach);
    }

    private static Duration stop(Random random) {
      int roll = random.nextInt(20);
      if (roll < 12) {
        return Duration.ofMinutes(5 + random.nextInt(60));
      }
      if (roll < 18) {
        return Duration.ofHours(1 + random.nextInt(16));
      }
      return Duration.ofDays(1 + random.nextInt(9));
    }
  }
}
