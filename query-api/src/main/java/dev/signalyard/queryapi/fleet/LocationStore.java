package dev.signalyard.queryapi.fleet;

import dev.signalyard.queryapi.fleet.LocationView.ParkingSpotView;
import dev.signalyard.schemas.fleet.FleetLocation;
import dev.signalyard.schemas.fleet.ParkingSpot;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Locations and their parking spots in PostgreSQL. Every change commits together with an outbox row
 * carrying the new {@link FleetLocation} (key: the location id). Deleting is soft: the row stays
 * (vehicles and roundtrips refer to it) and the topic gets the location with {@code deleted=true}.
 *
 * <p>Thread-safety: thread-safe (stateless over thread-safe clients).
 */
final class LocationStore {

  private static final String COLUMNS =
      "SELECT id, address, latitude, longitude, addition_date, deleted FROM locations";

  private final DatabaseClient db;
  private final TransactionalOperator transactions;
  private final Outbox outbox;
  private final Clock clock;
  private final AvroSerde<FleetLocation> serde = AvroSerde.of(FleetLocation.class);

  LocationStore(DatabaseClient db, TransactionalOperator transactions, Outbox outbox, Clock clock) {
    this.db = db;
    this.transactions = transactions;
    this.outbox = outbox;
    this.clock = clock;
  }

  private record LocationRow(
      long id,
      String address,
      double latitude,
      double longitude,
      Instant additionDate,
      boolean deleted) {

    static LocationRow of(Readable row) {
      return new LocationRow(
          row.get("id", Long.class),
          row.get("address", String.class),
          row.get("latitude", Double.class),
          row.get("longitude", Double.class),
          row.get("addition_date", Instant.class),
          Boolean.TRUE.equals(row.get("deleted", Boolean.class)));
    }

    LocationView withSpots(List<ParkingSpotView> spots) {
      return new LocationView(
          id, address, latitude, longitude, List.copyOf(spots), additionDate, deleted);
    }
  }

  /** Every location that is not deleted, by id. */
  Flux<LocationView> list() {
    return db.sql(COLUMNS + " WHERE NOT deleted ORDER BY id")
        .map(LocationRow::of)
        .all()
        .collectList()
        .flatMapMany(rows -> withSpots(rows));
  }

  /** The location, or empty when it does not exist or was deleted. */
  Mono<LocationView> find(long id) {
    return db.sql(COLUMNS + " WHERE id = :id AND NOT deleted")
        .bind("id", id)
        .map(LocationRow::of)
        .one()
        .flatMap(row -> withSpots(List.of(row)).next());
  }

  /** Whether the location exists and is not deleted. */
  Mono<Boolean> exists(long id) {
    return db.sql("SELECT 1 FROM locations WHERE id = :id AND NOT deleted")
        .bind("id", id)
        .map(row -> true)
        .one()
        .defaultIfEmpty(false);
  }

  Mono<LocationView> create(LocationRequest request) {
    Instant now = now();
    Mono<LocationView> change =
        db.sql(
                "INSERT INTO locations (address, latitude, longitude, addition_date, updated_at)"
                    + " VALUES (:address, :latitude, :longitude, :now, :now) RETURNING id")
            .bind("address", request.address())
            .bind("latitude", request.latitude())
            .bind("longitude", request.longitude())
            .bind("now", now)
            .map(row -> row.get("id", Long.class))
            .one()
            .flatMap(
                id ->
                    replaceSpots(id, request.additions() == null ? List.of() : request.additions())
                        .then(announce(id, now)));
    return transactions.transactional(change);
  }

  /** Applies the non-null parts of {@code request}; empty when there is no such location. */
  Mono<LocationView> update(long id, LocationRequest request) {
    Instant now = now();
    Mono<LocationView> change =
        lockActive(id)
            .flatMap(
                current ->
                    db.sql(
                            "UPDATE locations SET address = :address, latitude = :latitude,"
                                + " longitude = :longitude, updated_at = :now WHERE id = :id")
                        .bind("id", id)
                        .bind(
                            "address",
                            request.address() == null ? current.address() : request.address())
                        .bind(
                            "latitude",
                            request.latitude() == null ? current.latitude() : request.latitude())
                        .bind(
                            "longitude",
                            request.longitude() == null ? current.longitude() : request.longitude())
                        .bind("now", now)
                        .then()
                        .then(
                            request.additions() == null
                                ? Mono.empty()
                                : replaceSpots(id, request.additions()))
                        .then(announce(id, now)));
    return transactions.transactional(change);
  }

  /**
   * Marks the location deleted; empty when there is no such location.
   *
   * @throws FleetConflictException (as the Mono's error) when vehicles still belong to it
   */
  Mono<LocationView> delete(long id) {
    Instant now = now();
    Mono<LocationView> change =
        lockActive(id)
            .flatMap(
                current ->
                    db.sql(
                            "SELECT count(*) AS n FROM vehicles WHERE location_id = :id"
                                + " AND NOT deleted")
                        .bind("id", id)
                        .map(row -> row.get("n", Long.class))
                        .one())
            .flatMap(
                vehicles ->
                    vehicles > 0
                        ? Mono.error(
                            new FleetConflictException(
                                "location "
                                    + id
                                    + " still has "
                                    + vehicles
                                    + " vehicle(s); move or delete them first"))
                        : db.sql(
                                "UPDATE locations SET deleted = true, updated_at = :now"
                                    + " WHERE id = :id")
                            .bind("id", id)
                            .bind("now", now)
                            .then()
                            .then(announce(id, now)));
    return transactions.transactional(change);
  }

  private Mono<LocationRow> lockActive(long id) {
    return db.sql(COLUMNS + " WHERE id = :id AND NOT deleted FOR UPDATE")
        .bind("id", id)
        .map(LocationRow::of)
        .one();
  }

  private Mono<Void> replaceSpots(long id, List<ParkingSpotView> spots) {
    Mono<Void> delete =
        db.sql("DELETE FROM parking_spots WHERE location_id = :id").bind("id", id).then();
    return delete
        .thenMany(
            Flux.fromIterable(spots)
                .concatMap(
                    spot ->
                        db.sql(
                                "INSERT INTO parking_spots (location_id, latitude, longitude)"
                                    + " VALUES (:id, :latitude, :longitude)")
                            .bind("id", id)
                            .bind("latitude", spot.latitude())
                            .bind("longitude", spot.longitude())
                            .then()))
        .then();
  }

  /** Reads the location as committed by this transaction and writes its outbox row. */
  private Mono<LocationView> announce(long id, Instant now) {
    return db.sql(COLUMNS + " WHERE id = :id")
        .bind("id", id)
        .map(LocationRow::of)
        .one()
        .flatMap(row -> withSpots(List.of(row)).next())
        .flatMap(
            view ->
                outbox
                    .append(
                        TopicCatalog.FLEET_LOCATIONS.name(),
                        Long.toString(id),
                        serde.encode(toAvro(view, now)))
                    .thenReturn(view));
  }

  private Flux<LocationView> withSpots(List<LocationRow> rows) {
    if (rows.isEmpty()) {
      return Flux.empty();
    }
    Long[] ids = rows.stream().map(LocationRow::id).toArray(Long[]::new);
    return db.sql(
            "SELECT location_id, latitude, longitude FROM parking_spots"
                + " WHERE location_id = ANY(:ids) ORDER BY id")
        .bind("ids", ids)
        .map(
            row ->
                Map.entry(
                    row.get("location_id", Long.class),
                    new ParkingSpotView(
                        row.get("latitude", Double.class), row.get("longitude", Double.class))))
        .all()
        .collectList()
        .flatMapMany(
            spots -> {
              Map<Long, List<ParkingSpotView>> byLocation = new HashMap<>();
              spots.forEach(
                  e ->
                      byLocation
                          .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                          .add(e.getValue()));
              return Flux.fromIterable(rows)
                  .map(row -> row.withSpots(byLocation.getOrDefault(row.id(), List.of())));
            });
  }

  static FleetLocation toAvro(LocationView view, Instant updatedAt) {
    return FleetLocation.newBuilder()
        .setId(view.id())
        .setAddress(view.address())
        .setLatitude(view.latitude())
        .setLongitude(view.longitude())
        .setAdditions(
            view.additions().stream()
                .map(s -> new ParkingSpot(s.latitude(), s.longitude()))
                .toList())
        .setDeleted(view.deleted())
        .setUpdatedAt(updatedAt)
        .build();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
