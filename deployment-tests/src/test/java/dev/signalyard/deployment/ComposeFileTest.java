package dev.signalyard.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.kafka.yml, validated offline: against the current compose schema by dclint, and
 * for the rules this project sets itself (health-gated start-up, secrets only from files, every
 * variable documented in .env.example, one public entry).
 */
class ComposeFileTest {

  static final String COMPOSE_FILE = "docker-compose.kafka.yml";

  /** Pinned, so a new dclint release cannot change the verdict on an unchanged file. */
  static final String DCLINT = "dclint@3.1.0";

  private static Map<String, Object> compose;

  @BeforeAll
  static void load() throws IOException {
    compose = new Yaml().load(Files.readString(RepositoryFiles.file(COMPOSE_FILE)));
  }

  @Test
  void passesDclintAgainstTheComposeSchema() throws Exception {
    Path npm = onPath("npm");
    if (npm == null) {
      fail(
          "npm is not on the PATH. The compose file is validated with `npm exec "
              + DCLINT
              + "`; install Node.js and npm (Debian: apt-get install npm) and run the build again.");
    }
    Path output = Files.createTempFile("dclint", ".txt");
    Process process =
        new ProcessBuilder(
                npm.toString(),
                "exec",
                "--yes",
                DCLINT,
                "--",
                "--config",
                "deploy/dclint.json",
                "--max-warnings",
                "0",
                "--color",
                "false",
                COMPOSE_FILE)
            .directory(RepositoryFiles.root().toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    // The first run downloads dclint into npm's cache; later runs take a second or two.
    boolean finished = process.waitFor(180, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
    }
    String report = Files.readString(output, StandardCharsets.UTF_8);
    Files.delete(output);
    assertThat(finished).as("dclint finished within 180 s:%n%s", report).isTrue();
    assertThat(process.exitValue()).as("dclint found problems:%n%s", report).isZero();
  }

  @Test
  void everyServiceHasAHealthCheckAndStartsOnlyAfterItsDependenciesAreHealthy() {
    Map<String, Map<String, Object>> services = services();
    assertThat(services)
        .containsKeys(
            "kafka", "postgres", "redis", "keycloak", "ingest", "streams", "query-api", "caddy");

    services.forEach(
        (name, service) -> {
          assertThat(service).as(name).containsKey("healthcheck");
          Object dependsOn = service.get("depends_on");
          if (dependsOn == null) {
            return;
          }
          assertThat(dependsOn)
              .as("%s depends_on uses the long form with conditions", name)
              .isInstanceOf(Map.class);
          ((Map<?, ?>) dependsOn)
              .forEach(
                  (dependency, condition) ->
                      assertThat(map(condition))
                          .as("%s waits for %s", name, dependency)
                          .containsEntry("condition", "service_healthy"));
        });
    for (String service : List.of("ingest", "streams", "query-api")) {
      assertThat(map(services.get(service).get("depends_on"))).as(service).containsKey("kafka");
    }
    assertThat(map(services.get("caddy").get("depends_on"))).containsKeys("ingest", "query-api");
  }

  @Test
  void secretsComeFromFilesAndNeverFromTheEnvironment() {
    Map<String, Object> secrets = map(compose.get("secrets"));
    assertThat(secrets).isNotEmpty();
    secrets.forEach(
        (name, secret) -> assertThat(map(secret)).as("secret %s", name).containsOnlyKeys("file"));

    Pattern secretName = Pattern.compile("PASSWORD|SECRET|TOKEN|CREDENTIAL|JAAS");
    services()
        .forEach(
            (name, service) -> {
              Map<String, Object> environment = map(service.getOrDefault("environment", Map.of()));
              environment.forEach(
                  (key, value) -> {
                    if (secretName.matcher(key).find()) {
                      assertThat(key).as("%s sets %s inline", name, key).endsWith("_FILE");
                      assertThat(String.valueOf(value)).startsWith("/run/secrets/");
                    }
                  });
            });
  }

  @Test
  void onlyTheReverseProxyPublishesPorts() {
    services()
        .forEach(
            (name, service) -> {
              if (!name.equals("caddy")) {
                assertThat(service).as(name).doesNotContainKey("ports");
              }
            });
  }

  @Test
  void theServicesRunHardenedAndStreamsKeepsItsStateOnAVolume() {
    Map<String, Map<String, Object>> services = services();
    for (String name : List.of("ingest", "streams", "query-api")) {
      Map<String, Object> service = services.get(name);
      assertThat(service).as(name).containsEntry("read_only", true);
      assertThat(list(service.get("cap_drop"))).as(name).containsExactly("ALL");
      assertThat(map(service.get("build"))).as(name).containsEntry("target", name);
      assertThat(map(service.get("environment")))
          .as(name)
          .containsEntry("SPRING_PROFILES_ACTIVE", "production")
          .containsEntry("SPRING_CONFIG_IMPORT", "optional:configtree:/run/secrets/signalyard/");
    }
    Map<String, Object> streams = services.get("streams");
    assertThat(list(streams.get("volumes")))
        .contains(
            "streams-state:" + map(streams.get("environment")).get("SIGNALYARD_STREAMS_STATEDIR"));
    assertThat(map(streams.get("environment")))
        .containsEntry(
            "MANAGEMENT_ENDPOINT_HEALTH_GROUP_READINESS_INCLUDE", "readinessState,kafkaStreams");
  }

  @Test
  void healthIsCheckedOnTheManagementPortWhichCaddyNeverProxies() throws IOException {
    Map<String, Map<String, Object>> services = services();
    String caddyfile = Files.readString(RepositoryFiles.file("deploy/caddy/Caddyfile"));
    Map<String, String> managementPorts =
        Map.of("ingest", "9081", "streams", "9082", "query-api", "9080");
    managementPorts.forEach(
        (name, port) -> {
          Map<String, Object> service = services.get(name);
          Map<String, Object> environment = map(service.get("environment"));
          assertThat(environment).as(name).containsEntry("MANAGEMENT_SERVER_PORT", port);
          assertThat(environment.get("SERVER_PORT")).as(name).isNotEqualTo(port);
          // Without a URL argument the probe asks MANAGEMENT_SERVER_PORT (deploy/docker).
          assertThat(list(map(service.get("healthcheck")).get("test")))
              .as(name)
              .endsWith("HealthCheck");
          assertThat(caddyfile).as("Caddy proxies %s's management port", name).doesNotContain(port);
        });
    assertThat(Files.readString(RepositoryFiles.file("deploy/docker/HealthCheck.java")))
        .contains("\"MANAGEMENT_SERVER_PORT\"")
        .doesNotContain("\"SERVER_PORT\"");
  }

  @Test
  void everyVariableOfTheComposeFileIsDocumentedInEnvExample() throws IOException {
    Set<String> used = new TreeSet<>();
    Matcher reference =
        Pattern.compile("(?<!\\$)\\$\\{([A-Z0-9_]+)")
            .matcher(Files.readString(RepositoryFiles.file(COMPOSE_FILE)));
    while (reference.find()) {
      used.add(reference.group(1));
    }
    Set<String> documented = new TreeSet<>();
    for (String line : Files.readAllLines(RepositoryFiles.file(".env.example"))) {
      Matcher assignment = Pattern.compile("^([A-Z0-9_]+)=").matcher(line);
      if (assignment.find()) {
        documented.add(assignment.group(1));
      }
    }

    assertThat(documented).isEqualTo(used);
  }

  @Test
  void caddyProxiesOnlyThePublicPathsAndForwardsToTheRightPorts() throws IOException {
    String caddyfile = Files.readString(RepositoryFiles.file("deploy/caddy/Caddyfile"));

    assertThat(caddyfile)
        .contains("handle /webhooks/*", "reverse_proxy ingest:8081")
        .contains("handle /api/*", "reverse_proxy query-api:8080", "flush_interval -1")
        .contains("respond 404")
        .doesNotContain("/actuator/*");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services() {
    return (Map<String, Map<String, Object>>) compose.get("services");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  private static List<Object> list(Object value) {
    assertThat(value).isInstanceOf(List.class);
    return List.copyOf((List<?>) value);
  }

  private static Path onPath(String command) {
    List<String> directories = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      directories.addAll(List.of(path.split(java.io.File.pathSeparator)));
    }
    for (String directory : directories) {
      Path candidate = Path.of(directory, command);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
