package dev.signalyard.queryapi.fleet.statistics;

import dev.signalyard.platform.kafka.SignalyardKafkaProperties;
import dev.signalyard.queryapi.live.TopicView;
import dev.signalyard.schemas.fleet.FleetDailyUsage;
import dev.signalyard.schemas.fleet.FleetLocation;
import dev.signalyard.schemas.fleet.FleetVehicle;
import dev.signalyard.schemas.fleet.Roundtrip;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.util.List;
import java.util.Optional;
import org.springframework.context.SmartLifecycle;

/**
 * The fleet topics the statistics and precision endpoints answer from, each read by one {@link
 * TopicView} (one consumer per node and topic): the compacted reference topics {@code
 * fleet-vehicles} and {@code fleet-locations}, the compacted {@code fleet-daily-usage} (into a
 * {@link DailyUsageIndex}) and {@code fleet-roundtrips} (into a {@link RoundtripIndex}); the last
 * two views also feed the SSE streams of changed statistics and new roundtrips.
 *
 * <p>The views are held here rather than exposed as {@code TopicView} beans so that they cannot be
 * confused with another package's view of the same value type; this class starts and stops them
 * with the phase of a view.
 *
 * <p>Thread-safety: the views and indexes are thread-safe; start and stop are called by Spring.
 */
public final class FleetViews implements SmartLifecycle {

  private final TopicView<FleetVehicle> vehicles;
  private final TopicView<FleetLocation> locations;
  private final TopicView<FleetDailyUsage> dailyUsage;
  private final TopicView<Roundtrip> roundtrips;
  private final DailyUsageIndex usageIndex = new DailyUsageIndex();
  private final RoundtripIndex roundtripIndex = new RoundtripIndex();

  /**
   * Views over the four topics; none is read before {@link #start()}.
   *
   * @param replayCapacity changes each view keeps for {@code Last-Event-ID} resume
   */
  public FleetViews(SignalyardKafkaProperties kafka, int replayCapacity) {
    this.vehicles = view(TopicCatalog.FLEET_VEHICLES.name(), FleetVehicle.class, kafka);
    this.locations = view(TopicCatalog.FLEET_LOCATIONS.name(), FleetLocation.class, kafka);
    this.dailyUsage = view(TopicCatalog.FLEET_DAILY_USAGE.name(), FleetDailyUsage.class, kafka);
    this.roundtrips = view(TopicCatalog.FLEET_ROUNDTRIPS.name(), Roundtrip.class, kafka);
    dailyUsage.addListener(entry -> usageIndex.apply(entry.key(), entry.value()));
    roundtrips.addListener(entry -> roundtripIndex.apply(entry.value()));
    all().forEach(v -> v.setReplayCapacity(replayCapacity));
  }

  private static <V extends org.apache.avro.specific.SpecificRecord> TopicView<V> view(
      String topic, Class<V> type, SignalyardKafkaProperties kafka) {
    AvroSerde<V> serde = AvroSerde.of(type);
    return new TopicView<>(topic, kafka, serde::decode);
  }

  private List<TopicView<?>> all() {
    return List.of(vehicles, locations, dailyUsage, roundtrips);
  }

  /** A vehicle by id, when known and not deleted. */
  public Optional<FleetVehicle> vehicle(long id) {
    return vehicles.get(Long.toString(id)).filter(v -> !v.getDeleted());
  }

  /** Every vehicle that is not deleted. */
  public List<FleetVehicle> vehicles() {
    return vehicles.snapshot().stream()
        .map(TopicView.Entry::value)
        .filter(v -> !v.getDeleted())
        .toList();
  }

  /** A location by id, when known and not deleted. */
  public Optional<FleetLocation> location(long id) {
    return locations.get(Long.toString(id)).filter(l -> !l.getDeleted());
  }

  /** Every location that is not deleted. */
  public List<FleetLocation> locations() {
    return locations.snapshot().stream()
        .map(TopicView.Entry::value)
        .filter(l -> !l.getDeleted())
        .toList();
  }

  public DailyUsageIndex usage() {
    return usageIndex;
  }

  public RoundtripIndex roundtrips() {
    return roundtripIndex;
  }

  /** The view of {@code fleet-daily-usage}, for the statistics stream. */
  public TopicView<FleetDailyUsage> dailyUsageView() {
    return dailyUsage;
  }

  /** The view of {@code fleet-roundtrips}, for the roundtrip stream. */
  public TopicView<Roundtrip> roundtripView() {
    return roundtrips;
  }

  @Override
  public void start() {
    all().forEach(TopicView::start);
  }

  @Override
  public void stop() {
    all().forEach(TopicView::stop);
  }

  @Override
  public boolean isRunning() {
    return vehicles.isRunning();
  }

  @Override
  public int getPhase() {
    return vehicles.getPhase();
  }
}
