package dev.signalyard.queryapi.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.queryapi.security.SecurityProperties.RolesClaimFormat;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;

/** Role claims in their formats, mapped to the read and write authorities. */
class AccessRolesTest {

  private final AccessRoles realmRoles =
      new AccessRoles("realm_access.roles", RolesClaimFormat.LIST, "admin", "viewer");
  private final AccessRoles privileges =
      new AccessRoles("privileges_b64", RolesClaimFormat.BASE64, "admin", "viewer");

  @Test
  void writeRoleImpliesRead() {
    assertThat(names(realmRoles, Map.of("realm_access", Map.of("roles", List.of("admin")))))
        .containsExactlyInAnyOrder(AccessRoles.WRITE, AccessRoles.READ);
    assertThat(names(realmRoles, Map.of("realm_access", Map.of("roles", List.of("viewer")))))
        .containsExactly(AccessRoles.READ);
  }

  @Test
  void aMissingOrMistypedClaimGrantsNothing() {
    assertThat(names(realmRoles, Map.of())).isEmpty();
    assertThat(names(realmRoles, Map.of("realm_access", "admin"))).isEmpty();
    assertThat(names(privileges, Map.of("privileges_b64", "%%% not base64"))).isEmpty();
    assertThat(names(privileges, Map.of("privileges_b64", List.of("admin")))).isEmpty();
  }

  @Test
  void aSpaceSeparatedStringIsAList() {
    assertThat(names(realmRoles, Map.of("realm_access", Map.of("roles", "other viewer"))))
        .containsExactly(AccessRoles.READ);
  }

  @Test
  void base64ClaimsDecodeStandardAndUrlSafeListsAndArrays() {
    assertThat(names(privileges, Map.of("privileges_b64", base64("x; admin"))))
        .contains(AccessRoles.WRITE);
    assertThat(names(privileges, Map.of("privileges_b64", base64("[\"viewer\",\"y\"]"))))
        .containsExactly(AccessRoles.READ);
    String urlSafe =
        Base64.getUrlEncoder().encodeToString("viewer,??>".getBytes(StandardCharsets.UTF_8));
    assertThat(names(privileges, Map.of("privileges_b64", urlSafe)))
        .containsExactly(AccessRoles.READ);
  }

  @Test
  void rolesMatchAsWholeEntriesNotSubstrings() {
    assertThat(names(privileges, Map.of("privileges_b64", base64("admin-old,viewers")))).isEmpty();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> names(AccessRoles roles, Map<String, Object> claims) {
    return roles.authorities(claims).stream().map(GrantedAuthority::getAuthority).toList();
  }
}
