package dev.signalyard.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class PostgresTestServerTest {

  private final PostgresTestServer postgres = PostgresTestServer.shared();

  @Test
  void sharedReturnsTheSameServerEveryTime() {
    assertThat(PostgresTestServer.shared()).isSameAs(postgres);
  }

  @Test
  void answersSelectOne() throws SQLException {
    try (Connection connection = connect(postgres.jdbcUrl());
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("select 1")) {
      assertThat(result.next()).isTrue();
      assertThat(result.getInt(1)).isEqualTo(1);
    }
  }

  @Test
  void createsAFreshUsableDatabaseForEachCall() throws SQLException {
    String first = postgres.createDatabase("Test-Support");
    String second = postgres.createDatabase("Test-Support");

    assertThat(first).startsWith("test_support_").isNotEqualTo(second);
    try (Connection connection = connect(postgres.jdbcUrl(first));
        Statement statement = connection.createStatement()) {
      statement.execute("create table device (id int primary key, name text)");
      statement.execute("insert into device values (1, 'probe')");
      try (ResultSet result =
          statement.executeQuery("select current_database(), name from device")) {
        assertThat(result.next()).isTrue();
        assertThat(result.getString(1)).isEqualTo(first);
        assertThat(result.getString(2)).isEqualTo("probe");
      }
    }
  }

  @Test
  void r2dbcUrlPointsAtTheSameServer() {
    assertThat(postgres.r2dbcUrl())
        .isEqualTo("r2dbc:postgresql://" + postgres.host() + ":" + postgres.port() + "/postgres");
    assertThat(postgres.jdbcUrl())
        .isEqualTo("jdbc:postgresql://" + postgres.host() + ":" + postgres.port() + "/postgres");
  }

  private Connection connect(String url) throws SQLException {
    return DriverManager.getConnection(url, postgres.username(), postgres.password());
  }
}
