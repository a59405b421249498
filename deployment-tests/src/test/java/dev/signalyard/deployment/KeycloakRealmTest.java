package dev.signalyard.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The realm Keycloak imports in the compose set-up: roles, dashboard client, marked demo users. */
class KeycloakRealmTest {

  private final JsonNode realm = read();

  @Test
  void hasTheWriteRoleIncludingTheReadRole() {
    List<String> roles = new ArrayList<>();
    realm.path("roles").path("realm").forEach(role -> roles.add(role.path("name").asText()));
    assertThat(roles).containsExactlyInAnyOrder("ROLE_CHECK", "ROLE_CHECK_READ");

    JsonNode write = role("ROLE_CHECK");
    assertThat(write.path("composite").asBoolean()).isTrue();
    assertThat(write.path("composites").path("realm").get(0).asText()).isEqualTo("ROLE_CHECK_READ");
  }

  @Test
  void theDashboardClientIsConfidentialWithCodeFlowAndASecretFromTheEnvironment() {
    JsonNode client = realm.path("clients").get(0);

    assertThat(client.path("clientId").asText()).isEqualTo("signalyard-dashboard");
    assertThat(client.path("publicClient").asBoolean()).isFalse();
    assertThat(client.path("standardFlowEnabled").asBoolean()).isTrue();
    assertThat(client.path("implicitFlowEnabled").asBoolean()).isFalse();
    assertThat(client.path("directAccessGrantsEnabled").asBoolean()).isFalse();
    assertThat(client.path("secret").asText()).isEqualTo("${SIGNALYARD_DASHBOARD_CLIENT_SECRET}");
  }

  @Test
  void everyUserIsAMarkedDemoUserWithoutAnInlinePassword() {
    assertThat(realm.path("users")).isNotEmpty();
    realm
        .path("users")
        .forEach(
            user -> {
              String name = user.path("username").asText();
              assertThat(name).startsWith("demo-");
              assertThat(user.path("attributes").path("signalyard-demo-user").get(0).asText())
                  .as(name)
                  .isEqualTo("true");
              assertThat(user.path("lastName").asText()).as(name).contains("DEMO USER");
              user.path("credentials")
                  .forEach(
                      credential ->
                          assertThat(credential.path("value").asText())
                              .as(name)
                              .isEqualTo("${SIGNALYARD_DEMO_USER_PASSWORD}"));
            });
  }

  private JsonNode role(String name) {
    for (JsonNode role : realm.path("roles").path("realm")) {
      if (role.path("name").asText().equals(name)) {
        return role;
      }
    }
    throw new AssertionError("No realm role " + name);
  }

  private static JsonNode read() {
    try {
      return new ObjectMapper()
          .readTree(RepositoryFiles.file("deploy/keycloak/signalyard-realm.json").toFile());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
