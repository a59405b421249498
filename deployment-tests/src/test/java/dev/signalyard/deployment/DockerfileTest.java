package dev.signalyard.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile, read as text: no Docker engine here to build it. Checks the promises the chart
 * and the compose file rely on (one target per service, user 10001, the health probe, the API and
 * management ports).
 */
class DockerfileTest {

  private static final Pattern STAGE = Pattern.compile("^FROM\\s+(\\S+)\\s+AS\\s+(\\S+)\\s*$");

  @Test
  void hasOneTargetPerServiceOnTheNonRootRuntime() throws IOException {
    Map<String, List<String>> stages = stages();

    assertThat(stages).containsKeys("build", "runtime", "ingest", "streams", "query-api");
    assertThat(String.join("\n", stages.get("runtime")))
        .contains("useradd --system --uid 10001")
        .contains("USER 10001:10001")
        .contains("org.springframework.boot.loader.launch.JarLauncher");
    Map<String, String> ports = Map.of("ingest", "8081", "streams", "8082", "query-api", "8080");
    Map<String, String> managementPorts =
        Map.of("ingest", "9081", "streams", "9082", "query-api", "9080");
    ports.forEach(
        (service, port) -> {
          String stage = String.join("\n", stages.get(service));
          String management = managementPorts.get(service);
          assertThat(stage)
              .as(service)
              .contains("/layers/" + service + "/dependencies/")
              .contains("/layers/" + service + "/application/")
              .contains(" SERVER_PORT=" + port)
              // The health probe asks the management port, which the image declares too.
              .contains("MANAGEMENT_SERVER_PORT=" + management)
              .contains("EXPOSE " + port + " " + management)
              .contains("HEALTHCHECK")
              .doesNotContain("USER root");
        });
  }

  @Test
  void buildsWithTheWrapperAndExtractsLayersFromTheExecJars() throws IOException {
    String build = String.join("\n", stages().get("build"));

    assertThat(build)
        .contains("./mvnw")
        .contains("-pl ingest,streams,query-api -am package")
        .contains("-Djarmode=tools")
        .contains("extract --layers --launcher")
        .contains("-exec.jar")
        .contains("javac -d /healthcheck deploy/docker/HealthCheck.java");
    for (String module : List.of("ingest", "streams", "query-api")) {
      assertThat(Files.readString(RepositoryFiles.file(module + "/pom.xml")))
          .as("%s builds the exec jar the image extracts", module)
          .contains("<classifier>exec</classifier>");
    }
  }

  @Test
  void theBuildContextKeepsBuildOutputAndSecretsOut() throws IOException {
    assertThat(Files.readAllLines(RepositoryFiles.file(".dockerignore")))
        .contains("**/target/", ".git/", "deploy/secrets/", ".env");
  }

  private static Map<String, List<String>> stages() throws IOException {
    Map<String, List<String>> stages = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : Files.readAllLines(RepositoryFiles.file("Dockerfile"))) {
      Matcher from = STAGE.matcher(line);
      if (from.matches()) {
        current = new ArrayList<>();
        stages.put(from.group(2), current);
      } else if (current != null) {
        current.add(line);
      }
    }
    return stages;
  }
}
