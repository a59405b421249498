package dev.signalyard.ingest.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalyard.ingest.IngestProperties;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class MtCredentialsTest {

  private static IngestProperties.Commands settings(String username, String password) {
    return new IngestProperties.Commands(
        URI.create("https://rockblock.rock7.com/rockblock/MT"),
        username,
        password,
        Duration.ofSeconds(30),
        Duration.ofSeconds(2),
        Duration.ofMinutes(5),
        8);
  }

  @Test
  void fallsBackToTheRockBlockEnvironmentVariables() {
    MockEnvironment environment =
        new MockEnvironment()
            .withProperty("ROCKBLOCK_USER", "env-user")
            .withProperty("ROCKBLOCK_PASS", "env-pass");

    assertThat(MtCredentials.resolve(settings(null, ""), environment))
        .contains(new MtCredentials("env-user", "env-pass"));
    assertThat(MtCredentials.resolve(settings("own-user", null), environment))
        .contains(new MtCredentials("own-user", "env-pass"));
  }

  @Test
  void isAbsentUnlessBothAreSet() {
    assertThat(MtCredentials.resolve(settings("user", null), new MockEnvironment())).isEmpty();
    assertThat(MtCredentials.resolve(settings(" ", "pass"), new MockEnvironment())).isEmpty();
  }

  @Test
  void neverShowsTheCredentials() {
    assertThat(new MtCredentials("the-user", "the-pass").toString())
        .doesNotContain("the-user")
        .doesNotContain("the-pass");
    assertThat(settings("the-user", "the-pass").toString())
        .contains("username=(set)")
        .doesNotContain("the-user")
        .doesNotContain("the-pass");
  }

  @Test
  void refusesAnUnusableRetrySetting() {
    assertThatThrownBy(
            () ->
                new IngestProperties.Commands(
                    URI.create("http://x"),
                    null,
                    null,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(2),
                    Duration.ofMinutes(5),
                    0))
        .hasMessageContaining("max-attempts");
  }
}
