package dev.signalyard.queryapi.fleet;

import dev.signalyard.testsupport.PostgresTestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A fresh database on the shared embedded PostgreSQL, with plain JDBC for test assertions. */
final class FleetDatabase {

  final String name;

  private FleetDatabase(String name) {
    this.name = name;
  }

  static FleetDatabase create(String prefix) {
    return new FleetDatabase(PostgresTestServer.shared().createDatabase(prefix));
  }

  String r2dbcUrl() {
    return PostgresTestServer.shared().r2dbcUrl(name);
  }

  String username() {
    return PostgresTestServer.shared().username();
  }

  String password() {
    return PostgresTestServer.shared().password();
  }

  FleetProperties.Database properties() {
    return new FleetProperties.Database(r2dbcUrl(), username(), password(), 4);
  }

  /** The first column of the first row of {@code query}, as a long. */
  long number(String query) {
    return (long)
        withStatement(
            s -> {
              try (ResultSet rows = s.executeQuery(query)) {
                rows.next();
                return rows.getLong(1);
              }
            });
  }

  /** The first column of the first row of {@code query}, as a string. */
  String text(String query) {
    return (String)
        withStatement(
            s -> {
              try (ResultSet rows = s.executeQuery(query)) {
                rows.next();
                return rows.getString(1);
              }
            });
  }

  void execute(String sql) {
    withStatement(s -> s.execute(sql));
  }

  private interface StatementWork {
    Object run(Statement statement) throws SQLException;
  }

  private Object withStatement(StatementWork work) {
    try (Connection connection =
            DriverManager.getConnection(
                PostgresTestServer.shared().jdbcUrl(name), username(), password());
        Statement statement = connection.createStatement()) {
      return work.run(statement);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
