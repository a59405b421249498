package dev.signalyard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/configuration.md must equal what the code declares. */
class ConfigurationDocTest {

  @Test
  void configurationPageMatchesTheDeclaredProperties() throws IOException {
    Path page = repositoryRoot().resolve("docs/configuration.md");
    String expected = ConfigurationReference.render();
    if (Boolean.getBoolean("signalyard.docs.update")) {
      Files.writeString(page, expected, StandardCharsets.UTF_8);
    }
    assertThat(Files.exists(page))
        .as("docs/configuration.md is missing; regenerate it (see the command in this test)")
        .isTrue();
    assertThat(Files.readString(page, StandardCharsets.UTF_8))
        .as(
            "docs/configuration.md is out of date; regenerate with ./mvnw -pl demo -am test"
                + " -Dtest=ConfigurationDocTest -Dsurefire.failIfNoSpecifiedTests=false"
                + " -Dsignalyard.docs.update=true")
        .isEqualTo(expected);
  }

  @Test
  void everyServicePropertyHasADefaultOrIsOptionalAndIsDescribed() throws IOException {
    assertThat(ConfigurationReference.signalyardProperties())
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p.description()).as(p.name()).isNotBlank());
    assertThat(ConfigurationReference.signalyardProperties())
        .extracting(ConfigurationReference.Property::name)
        .contains(
            "signalyard.kafka.bootstrap-servers",
            "signalyard.ingest.ack-timeout",
            "signalyard.streams.state-dir",
            "signalyard.query.heartbeat");
  }

  @Test
  void environmentVariablesFollowSpringsRelaxedBinding() {
    assertThat(ConfigurationReference.environmentVariable("signalyard.kafka.bootstrap-servers"))
        .isEqualTo("SIGNALYARD_KAFKA_BOOTSTRAPSERVERS");
  }

  static Path repositoryRoot() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no repository root (a directory with mvnw) above user.dir");
    }
    return dir;
  }
}
