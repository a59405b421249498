package dev.signalyard.streams.fleet;

import static dev.signalyard.streams.fleet.FleetDriver.LOCATION;
import static dev.signalyard.streams.fleet.FleetDriver.VEHICLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.signalyard.schemas.common.DeadLetter;
import dev.signalyard.schemas.fleet.AggregationType;
import dev.signalyard.schemas.fleet.FleetDailyUsage;
import dev.signalyard.schemas.fleet.FleetVehicle;
import dev.signalyard.schemas.fleet.Roundtrip;
import dev.signalyard.schemas.fleet.RoundtripSegment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.Test;

class DailyUsageTopologyTest {

  private static final Instant MORNING = Instant.parse("2026-10-05T07:00:00Z");

  @Test
  void sumsKmRoundtripsDrivingTimeAndEmissionsPerVehicleAndDay() {
    try (FleetDriver fleet =
        new FleetDriver(FleetStreamsProperties.defaults()).withReferenceData()) {
      fleet.roundtrip(roundtrip(MORNING, 12.0, 8.0));
      fleet.roundtrip(roundtrip(MORNING.plus(Duration.ofHours(6)), 5.5));

      FleetDailyUsage day = lastPerKey(fleet).get(VEHICLE + "|2026-10-05");
      assertThat(day.getVehicleId()).isEqualTo(VEHICLE);
      assertThat(day.getLocationId()).isEqualTo(LOCATION);
      assertThat(day.getDate()).isEqualTo(LocalDate.of(2026, 10, 5));
      assertThat(day.getKm()).isEqualTo(25.5, within(1e-9));
      assertThat(day.getRoundtrips()).isEqualTo(2);
      assertThat(day.getDrivingSeconds()).isEqualTo(3 * 30 * 60);
      assertThat(day.getFuelId()).isEqualTo(1);
      // Petrol at 20 km/l: 25.5 km is 1.275 l, at 2.52 kg CO2e per litre.
      assertThat(day.getCo2eKg()).isEqualTo(25.5 / 20 * 2.52, within(1e-9));
    }
  }

  @Test
  void aRoundtripOverMidnightCountsItsSegmentsOnTheDayEachStarts() {
    try (FleetDriver fleet =
        new FleetDriver(FleetStreamsProperties.defaults()).withReferenceData()) {
      Instant lateEvening = Instant.parse("2026-10-05T23:40:00Z");
      fleet.roundtrip(roundtrip(lateEvening, 10.0, 4.0));

      Map<String, FleetDailyUsage> days = lastPerKey(fleet);
      assertThat(days).containsOnlyKeys(VEHICLE + "|2026-10-05", VEHICLE + "|2026-10-06");
      assertThat(days.get(VEHICLE + "|2026-10-05").getKm()).isEqualTo(10.0);
      assertThat(days.get(VEHICLE + "|2026-10-05").getRoundtrips()).isEqualTo(1);
      assertThat(days.get(VEHICLE + "|2026-10-06").getKm()).isEqualTo(4.0);
      assertThat(days.get(VEHICLE + "|2026-10-06").getRoundtrips()).isZero();
    }
  }

  @Test
  void aReEmittedRoundtripReplacesItsEarlierContribution() {
    try (FleetDriver fleet =
        new FleetDriver(FleetStreamsProperties.defaults()).withReferenceData()) {
      Roundtrip first = roundtrip(MORNING, 12.0, 8.0);
      fleet.roundtrip(roundtrip(MORNING.plus(Duration.ofHours(6)), 5.5));
      fleet.roundtrip(first);
      fleet.roundtrip(first);
      Roundtrip changed = roundtrip(MORNING, 12.0, 8.0, 3.0);
      fleet.roundtrip(changed);

      FleetDailyUsage day = lastPerKey(fleet).get(VEHICLE + "|2026-10-05");
      assertThat(day.getKm()).isEqualTo(28.5, within(1e-9));
      assertThat(day.getRoundtrips()).isEqualTo(2);
      assertThat(day.getDrivingSeconds()).isEqualTo(4 * 30 * 60);
    }
  }

  @Test
  void aRetractionSubtractsTheRoundtripAndAnEmptyDayDropsToZero() {
    try (FleetDriver fleet =
        new FleetDriver(FleetStreamsProperties.defaults()).withReferenceData()) {
      Roundtrip morning = roundtrip(MORNING, 12.0, 8.0);
      Roundtrip afternoon = roundtrip(MORNING.plus(Duration.ofHours(6)), 5.5);
      fleet.roundtrip(morning);
      fleet.roundtrip(afternoon);
      fleet.roundtrip(Roundtrip.newBuilder(afternoon).setDeleted(true).build());

      FleetDailyUsage day = lastPerKey(fleet).get(VEHICLE + "|2026-10-05");
      assertThat(day.getKm()).isEqualTo(20.0, within(1e-9));
      assertThat(day.getRoundtrips()).isEqualTo(1);

      fleet.roundtrip(Roundtrip.newBuilder(morning).setDeleted(true).build());
      FleetDailyUsage empty = lastPerKey(fleet).get(VEHICLE + "|2026-10-05");
      assertThat(empty.getKm()).isZero();
      assertThat(empty.getRoundtrips()).isZero();
      assertThat(empty.getDrivingSeconds()).isZero();
      assertThat(empty.getCo2eKg()).isZero();
    }
  }

  @Test
  void electricCarsUseWltpElAndTheSettingsFactor() {
    try (FleetDriver fleet =
        new FleetDriver(FleetStreamsProperties.defaults()).withReferenceData()) {
      fleet.vehicle(
          FleetVehicle.newBuilder()
              .setId(VEHICLE)
              .setTypeId(3)
              .setFuelId(3)
              .setWltpEl(180.0)
              .setLocationId(LOCATION)
              .setUpdatedAt(FleetDriver.NOW)
              .build());
      fleet.settings(Map.of("el_udledning", "0.12", "keep_data", "24"));
      fleet.driver.advanceWallClockTime(Duration.ofSeconds(11));
      fleet.roundtrip(roundtrip(MORNING, 40.0));

      FleetDailyUsage day = lastPerKey(fleet).get(VEHICLE + "|2026-10-05");
      // 40 km at 180 Wh/km is 7.2 kWh, at 0.12 kg CO2e per kWh.
      assertThat(day.getCo2eKg()).isEqualTo(40 * 180 / 1000.0 * 0.12, within(1e-9));
      assertThat(day.getFuelId()).isEqualTo(3);
    }
  }

  @Test
  void partsOfDaysOlderThanKeepDataAreForgotten() {
    try (FleetDriver fleet =
        new FleetDriver(FleetStreamsProperties.defaults()).withReferenceData()) {
      fleet.settings(Map.of("keep_data", "1"));
      Roundtrip old = roundtrip(MORNING, 12.0);
      Roundtrip recent = roundtrip(Instant.parse("2026-11-20T07:00:00Z"), 6.0);
      fleet.roundtrip(old);
      fleet.roundtrip(recent);
      fleet.usage.readValuesToList();

      // The wall clock starts at 2026-11-22: with keep_data 1 month, 2026-10-05 has expired.
      fleet.driver.advanceWallClockTime(Duration.ofHours(6));

      List<String> parts = new ArrayList<>();
      try (KeyValueIterator<String, FleetDailyUsage> all =
          fleet
              .driver
              .<String, FleetDailyUsage>getKeyValueStore(DailyUsageTopology.PARTS_STORE)
              .all()) {
        all.forEachRemaining(entry -> parts.add(entry.key));
      }
      assertThat(parts).containsExactly(VEHICLE + "|2026-11-20|" + recent.getId());
      assertThat(
              fleet
                  .driver
                  .<String, String>getKeyValueStore(DailyUsageTopology.ROUNDTRIP_DAYS_STORE)
                  .get(old.getId()))
          .isNull();
    }
  }

  @Test
  void anUnreadableRoundtripGoesToDeadLetters() {
    try (FleetDriver fleet =
        new FleetDriver(FleetStreamsProperties.defaults()).withReferenceData()) {
      fleet.roundtripsIn.pipeInput("7", "not avro".getBytes(StandardCharsets.UTF_8));
      fleet.roundtripsIn.pipeInput(
          "9",
          dev.signalyard.schemas.serde.AvroSerde.of(Roundtrip.class)
              .encode(roundtrip(MORNING, 1.0)));

      List<DeadLetter> letters = fleet.deadLetters.readValuesToList();
      assertThat(letters).extracting(DeadLetter::getStage).containsOnly(DailyUsageTopology.STAGE);
      assertThat(letters).hasSize(2);
      assertThat(letters.get(1).getReason())
          .isEqualTo("key '9' is not the roundtrip's vehicleId 7");
      assertThat(fleet.usage.isEmpty()).isTrue();
    }
  }

  @Test
  void roundtripsFromTripsReachTheDailyUsage() {
    try (FleetDriver fleet =
        new FleetDriver(FleetStreamsProperties.defaults()).withReferenceData()) {
      FleetTrips.days(VEHICLE, 5).forEach(fleet::trip);

      Map<String, FleetDailyUsage> days = lastPerKey(fleet);
      assertThat(days).containsOnlyKeys(VEHICLE + "|2026-10-01", VEHICLE + "|2026-10-02");
      assertThat(days.get(VEHICLE + "|2026-10-01").getKm())
          .isEqualTo(3.1 + 9.4 + 11.2, within(1e-9));
      assertThat(days.get(VEHICLE + "|2026-10-02").getDrivingSeconds()).isEqualTo(75 * 60);
    }
  }

  /** A complete roundtrip of vehicle 7 with 30-minute segments one hour apart. */
  private static Roundtrip roundtrip(Instant start, double... segmentKm) {
    List<RoundtripSegment> segments = new ArrayList<>();
    double km = 0;
    for (int i = 0; i < segmentKm.length; i++) {
      Instant from = start.plus(Duration.ofHours(i));
      segments.add(
          new RoundtripSegment(
              "t-" + from.toEpochMilli(), segmentKm[i], from, from.plus(Duration.ofMinutes(30))));
      km += segmentKm[i];
    }
    return Roundtrip.newBuilder()
        .setId(VEHICLE + "-" + start.toEpochMilli())
        .setVehicleId(VEHICLE)
        .setStartTime(start)
        .setEndTime(segments.get(segments.size() - 1).getEndTime())
        .setStartLatitude(FleetDriver.HOME_LAT)
        .setStartLongitude(FleetDriver.HOME_LON)
        .setEndLatitude(FleetDriver.HOME_LAT)
        .setEndLongitude(FleetDriver.HOME_LON)
        .setDistanceKm(km)
        .setAggregationType(AggregationType.COMPLETE)
        .setStartLocationId(LOCATION)
        .setSegments(segments)
        .build();
  }

  private static Map<String, FleetDailyUsage> lastPerKey(FleetDriver fleet) {
    Map<String, FleetDailyUsage> last = new java.util.HashMap<>();
    for (KeyValue<String, FleetDailyUsage> record : fleet.usage.readKeyValuesToList()) {
      last.put(record.key, record.value);
    }
    return last;
  }
}
