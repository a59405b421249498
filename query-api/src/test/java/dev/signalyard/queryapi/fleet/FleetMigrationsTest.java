package dev.signalyard.queryapi.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/** The migrations build the fleet schema on an empty database, with the reference's seed rows. */
class FleetMigrationsTest {

  @Test
  void migratesAnEmptyDatabaseOnceAndSeedsTheReferenceRows() {
    FleetDatabase db = FleetDatabase.create("fleet_migrations");

    MigrateResult first = FleetMigrations.migrate(db.properties());
    MigrateResult second = FleetMigrations.migrate(db.properties());

    // V1 (reference data) and V20 (simulation history).
    assertThat(first.migrationsExecuted).isEqualTo(2);
    assertThat(second.migrationsExecuted).isZero();
    assertThat(db.number("SELECT count(*) FROM vehicle_types")).isEqualTo(4);
    assertThat(db.text("SELECT name FROM vehicle_types WHERE id = 3")).isEqualTo("elbil");
    assertThat(db.number("SELECT count(*) FROM fuel_types")).isEqualTo(11);
    assertThat(db.number("SELECT refers_to FROM fuel_types WHERE id = 6")).isEqualTo(2);
    assertThat(db.number("SELECT refers_to FROM fuel_types WHERE id = 8")).isEqualTo(3);
    assertThat(db.number("SELECT count(*) FROM simulation_settings")).isEqualTo(20);
    assertThat(db.text("SELECT value FROM simulation_settings WHERE name = 'hvo_udledning'"))
        .isEqualTo("0.894");
    assertThat(db.text("SELECT value FROM simulation_settings WHERE name = 'undriven_type'"))
        .isEqualTo("benzin");
    assertThat(db.text("SELECT value FROM simulation_settings WHERE name = 'vagt_dashboard'"))
        .contains("\"shift_start\":\"23:00\"");
    assertThat(db.number("SELECT nextval('vehicle_ids')")).isEqualTo(1_000_000);
    assertThat(db.number("SELECT count(*) FROM outbox")).isZero();
  }

  @Test
  void derivesTheJdbcUrlFromTheR2dbcUrl() {
    assertThat(FleetMigrations.jdbcUrl("r2dbc:postgresql://db.internal:6543/fleet?sslMode=require"))
        .isEqualTo("jdbc:postgresql://db.internal:6543/fleet?sslmode=require");
    assertThat(
            FleetMigrations.jdbcUrl(
                "r2dbc:postgresql://db.internal/fleet?sslMode=VERIFY_FULL&applicationName=x"))
        .isEqualTo("jdbc:postgresql://db.internal/fleet?sslmode=verify-full");
    assertThat(FleetMigrations.jdbcUrl("r2dbc:postgresql://127.0.0.1/fleet"))
        .isEqualTo("jdbc:postgresql://127.0.0.1/fleet");
  }
}
