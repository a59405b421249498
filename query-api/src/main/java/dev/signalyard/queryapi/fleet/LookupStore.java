package dev.signalyard.queryapi.fleet;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The fleet's lookup tables: vehicle types and fuel types (seeded by the migration, read-only) and
 * departments (created through the API).
 *
 * <p>Thread-safety: thread-safe (stateless over a thread-safe client).
 */
final class LookupStore {

  private final DatabaseClient db;

  LookupStore(DatabaseClient db) {
    this.db = db;
  }

  /** A vehicle type: 1 cykel (bike), 2 elcykel (e-bike), 3 elbil (EV), 4 fossilbil (fossil car). */
  public record VehicleType(int id, String name) {}

  /**
   * A fuel type; {@code refersTo} is the base fuel it is priced and emitted as (a base fuel refers
   * to itself).
   */
  public record FuelType(int id, String name, int refersTo) {}

  /** A department, under an administration (forvaltning) when one is given. */
  public record Department(long id, String name, String forvaltning) {}

  Flux<VehicleType> vehicleTypes() {
    return db.sql("SELECT id, name FROM vehicle_types ORDER BY id")
        .map(row -> new VehicleType(row.get("id", Integer.class), row.get("name", String.class)))
        .all();
  }

  Flux<FuelType> fuelTypes() {
    return db.sql("SELECT id, name, refers_to FROM fuel_types ORDER BY id")
        .map(
            row ->
                new FuelType(
                    row.get("id", Integer.class),
                    row.get("name", String.class),
                    row.get("refers_to", Integer.class)))
        .all();
  }

  Flux<Department> departments() {
    return db.sql("SELECT id, name, forvaltning FROM departments ORDER BY forvaltning, name")
        .map(
            row ->
                new Department(
                    row.get("id", Long.class),
                    row.get("name", String.class),
                    row.get("forvaltning", String.class)))
        .all();
  }

  /**
   * Creates a department.
   *
   * @throws FleetConflictException (as the Mono's error) when it already exists
   */
  Mono<Department> createDepartment(String name, String forvaltning) {
    var insert =
        db.sql(
                "INSERT INTO departments (name, forvaltning) VALUES (:name, :forvaltning)"
                    + " RETURNING id")
            .bind("name", name);
    insert =
        forvaltning == null
            ? insert.bindNull("forvaltning", String.class)
            : insert.bind("forvaltning", forvaltning);
    return insert
        .map(row -> new Department(row.get("id", Long.class), name, forvaltning))
        .one()
        .onErrorMap(
            DuplicateKeyException.class,
            e ->
                new FleetConflictException(
                    "department "
                        + name
                        + " already exists"
                        + (forvaltning == null ? "" : " in " + forvaltning)));
  }
}
