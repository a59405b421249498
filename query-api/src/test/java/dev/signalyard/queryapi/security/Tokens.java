package dev.signalyard.queryapi.security;

import java.util.List;
import java.util.Map;

/** Token claims for the tests: Keycloak realm roles. */
final class Tokens {

  static final String ISSUER = "signalyard";
  static final String WRITE = "signalyard-write";
  static final String READ = "signalyard-read";

  private Tokens() {}

  static Map<String, Object> realmRoles(String... roles) {
    return Map.of("realm_access", Map.of("roles", List.of(roles)));
  }
}
