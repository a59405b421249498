package dev.signalyard.streams.fleet;

import dev.signalyard.schemas.fleet.FleetDailyUsage;
import dev.signalyard.schemas.fleet.FleetVehicle;
import dev.signalyard.schemas.fleet.Roundtrip;
import dev.signalyard.schemas.fleet.RoundtripSegment;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.streams.deadletters.DeadLetters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Replaces a roundtrip's parts of its days and publishes the re-summed days. Forwards {@link
 * FleetDailyUsage}s keyed '&lt;vehicle id&gt;|&lt;yyyy-MM-dd&gt;' and dead letters keyed as the
 * input.
 *
 * <p>Thread-safety: one instance per stream task, used by its thread only.
 */
final class DailyUsageProcessor implements Processor<String, byte[], String, SpecificRecord> {

  private static final AvroSerde<Roundtrip> ROUNDTRIP_SERDE = AvroSerde.of(Roundtrip.class);
  private static final Duration RETENTION_CHECK = Duration.ofHours(6);

  private final FleetStreamsProperties properties;
  private final Clock clock;
  private ProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, FleetDailyUsage> parts;
  private KeyValueStore<String, String> roundtripDays;
  private FleetReference reference;

  DailyUsageProcessor(FleetStreamsProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.parts = context.getStateStore(DailyUsageTopology.PARTS_STORE);
    this.roundtripDays = context.getStateStore(DailyUsageTopology.ROUNDTRIP_DAYS_STORE);
    this.reference = new FleetReference(context, properties.referenceRefresh());
    context.schedule(RETENTION_CHECK, PunctuationType.WALL_CLOCK_TIME, this::forgetExpiredDays);
  }

  /**
   * Removes the parts of days older than keep_data (by wall-clock time): the days themselves stay
   * in the compacted topic with their last figures, but a roundtrip that old can no longer change
   * them, as the roundtrip topology refuses its trips.
   */
  private void forgetExpiredDays(long wallClockMs) {
    LocalDate keepFrom =
        Instant.ofEpochMilli(wallClockMs)
            .atZone(ZoneOffset.UTC)
            .toLocalDate()
            .minusMonths(reference.settings().keepDataMonths());
    List<String> expired = new ArrayList<>();
    try (KeyValueIterator<String, FleetDailyUsage> all = parts.all()) {
      all.forEachRemaining(
          entry -> {
            if (entry.value.getDate().isBefore(keepFrom)) {
              expired.add(entry.key);
            }
          });
    }
    for (String key : expired) {
      parts.delete(key);
      // Key: vehicle|yyyy-MM-dd|roundtrip id (the id never holds a bar before the day's).
      String[] fields = key.split("\\|", 3);
      String remaining =
          Arrays.stream(Objects.requireNonNullElse(roundtripDays.get(fields[2]), "").split(","))
              .filter(day -> !day.isEmpty() && !day.equals(fields[1]))
              .collect(Collectors.joining(","));
      if (remaining.isEmpty()) {
        roundtripDays.delete(fields[2]);
      } else {
        roundtripDays.put(fields[2], remaining);
      }
    }
  }

  @Override
  public void process(Record<String, byte[]> record) {
    Roundtrip roundtrip;
    try {
      roundtrip = record.value() == null ? null : ROUNDTRIP_SERDE.decode(record.value());
    } catch (RuntimeException e) {
      deadLetter(record, e.getClass().getSimpleName() + ": " + e.getMessage());
      return;
    }
    if (roundtrip == null) {
      deadLetter(record, "record has no value");
      return;
    }
    String vehicle = Long.toString(roundtrip.getVehicleId());
    if (!vehicle.equals(record.key())) {
      deadLetter(
          record,
          "key '"
              + record.key()
              + "' is not the roundtrip's vehicleId "
              + roundtrip.getVehicleId());
      return;
    }
    TreeSet<LocalDate> touched = new TreeSet<>();
    String before = roundtripDays.get(roundtrip.getId());
    if (before != null) {
      for (String day : before.split(",")) {
        touched.add(LocalDate.parse(day));
        parts.delete(partKey(vehicle, day, roundtrip.getId()));
      }
    }
    FleetVehicle car = reference.vehicle(roundtrip.getVehicleId());
    Integer fuelId = car == null ? null : car.getFuelId();
    if (roundtrip.getDeleted()) {
      roundtripDays.delete(roundtrip.getId());
    } else {
      Map<LocalDate, FleetDailyUsage> contributions = contributions(roundtrip, car);
      for (FleetDailyUsage part : contributions.values()) {
        parts.put(partKey(vehicle, part.getDate().toString(), roundtrip.getId()), part);
      }
      touched.addAll(contributions.keySet());
      roundtripDays.put(
          roundtrip.getId(),
          String.join(",", contributions.keySet().stream().map(LocalDate::toString).toList()));
    }
    for (LocalDate day : touched) {
      FleetDailyUsage usage = sum(vehicle, day, roundtrip, fuelId);
      context.forward(record.withKey(vehicle + "|" + day).withValue((SpecificRecord) usage));
    }
  }

  /** This roundtrip's part of each day its segments start on (UTC). */
  private Map<LocalDate, FleetDailyUsage> contributions(Roundtrip roundtrip, FleetVehicle car) {
    Map<LocalDate, FleetDailyUsage> byDay = new TreeMap<>();
    for (RoundtripSegment segment : roundtrip.getSegments()) {
      LocalDate day = segment.getStartTime().atZone(ZoneOffset.UTC).toLocalDate();
      FleetDailyUsage part = byDay.computeIfAbsent(day, d -> empty(roundtrip, d, car));
      part.setKm(part.getKm() + segment.getDistanceKm());
      part.setDrivingSeconds(
          part.getDrivingSeconds()
              + Duration.between(segment.getStartTime(), segment.getEndTime()).toSeconds());
    }
    LocalDate startDay = roundtrip.getStartTime().atZone(ZoneOffset.UTC).toLocalDate();
    byDay.computeIfAbsent(startDay, d -> empty(roundtrip, d, car)).setRoundtrips(1);
    FleetSettingValues settings = reference.settings();
    byDay.values().forEach(part -> part.setCo2eKg(Emissions.co2eKg(car, part.getKm(), settings)));
    return byDay;
  }

  private static FleetDailyUsage empty(Roundtrip roundtrip, LocalDate day, FleetVehicle car) {
    return FleetDailyUsage.newBuilder()
        .setVehicleId(roundtrip.getVehicleId())
        .setLocationId(roundtrip.getStartLocationId())
        .setDate(day)
        .setKm(0)
        .setRoundtrips(0)
        .setDrivingSeconds(0)
        .setFuelId(car == null ? null : car.getFuelId())
        .setCo2eKg(0)
        .build();
  }

  /** The day summed over its parts, in key order so the same parts always give the same sum. */
  private FleetDailyUsage sum(String vehicle, LocalDate day, Roundtrip latest, Integer fuelId) {
    FleetDailyUsage total = empty(latest, day, null);
    total.setFuelId(fuelId);
    try (KeyValueIterator<String, FleetDailyUsage> dayParts =
        parts.prefixScan(vehicle + "|" + day + "|", Serdes.String().serializer())) {
      dayParts.forEachRemaining(
          entry -> {
            FleetDailyUsage part = entry.value;
            total.setKm(total.getKm() + part.getKm());
            total.setRoundtrips(total.getRoundtrips() + part.getRoundtrips());
            total.setDrivingSeconds(total.getDrivingSeconds() + part.getDrivingSeconds());
            total.setCo2eKg(total.getCo2eKg() + part.getCo2eKg());
            if (part.getLocationId() != null) {
              total.setLocationId(part.getLocationId());
            }
          });
    }
    return total;
  }

  private static String partKey(String vehicle, String day, String roundtripId) {
    return vehicle + "|" + day + "|" + roundtripId;
  }

  private void deadLetter(Record<String, byte[]> record, String reason) {
    context.forward(
        record.withValue(
            (SpecificRecord)
                DeadLetters.of(
                    context.recordMetadata(),
                    DailyUsageTopology.STAGE,
                    reason,
                    record.key(),
                    record.value(),
                    clock.instant())));
  }
}
