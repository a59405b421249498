package dev.signalyard.queryapi.security;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Identity provider and role settings of the query API. The write and read role names are the
 * seeds' {@code ROLE_CHECK} and {@code ROLE_CHECK_READ} variables, read by {@link AccessRoles}.
 *
 * <p>Thread-safety: immutable.
 *
 * @param issuerUri OIDC issuer (e.g. a Keycloak realm, {@code https://host/realms/signalyard}).
 *     Bearer tokens must carry exactly this {@code iss}. Without it the API is open to everyone,
 *     which only the development profile allows: with the {@code production} profile active a
 *     missing issuer stops start-up.
 * @param jwkSetUri Where the issuer's signing keys are fetched; empty discovers them from the
 *     issuer's metadata. Set it when the service reaches the provider at another address than the
 *     public issuer URL (behind a reverse proxy).
 * @param audiences Accepted token audiences ({@code aud}); empty accepts any audience of the
 *     issuer.
 * @param rolesClaim Claim that holds the user's roles, a dot-separated path into nested objects.
 *     The default is Keycloak's realm roles.
 * @param rolesClaimFormat How the roles claim is written: LIST (a JSON array of role names, or one
 *     string of names separated by spaces or commas) or BASE64 (a base64 string that decodes to
 *     such a list, like the FleetOptimiser reference's {@code privileges_b64}).
 * @param corsAllowedOrigins Origins allowed to call the API from a browser page on another origin
 *     (CORS, with credentials), e.g. {@code https://dashboard.example.org}; empty allows none.
 */
@ConfigurationProperties("signalyard.security")
public record SecurityProperties(
    URI issuerUri,
    URI jwkSetUri,
    List<String> audiences,
    @DefaultValue("realm_access.roles") String rolesClaim,
    @DefaultValue("LIST") RolesClaimFormat rolesClaimFormat,
    List<String> corsAllowedOrigins) {

  public SecurityProperties {
    audiences = audiences == null ? List.of() : List.copyOf(audiences);
    corsAllowedOrigins = corsAllowedOrigins == null ? List.of() : List.copyOf(corsAllowedOrigins);
  }

  /** Whether an identity provider is configured, i.e. whether access is checked at all. */
  public boolean secured() {
    return issuerUri != null && !issuerUri.toString().isBlank();
  }

  /** How the roles claim is encoded. */
  public enum RolesClaimFormat {
    /** A JSON array of role names, or one string of names separated by spaces or commas. */
    LIST,
    /** Base64 (standard or URL-safe) of a list as in {@link #LIST}, or of a JSON array. */
    BASE64
  }
}
