package dev.signalyard.queryapi.security;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Loads a browser user after the authorization-code login and grants the same authorities a bearer
 * token of that user would get. Roles are read from the ID token and user info and, because
 * Keycloak puts realm roles only into the access token unless told otherwise, from the access token
 * too, verified with the same decoder as bearer tokens.
 *
 * <p>Thread-safety: immutable; safe for concurrent logins.
 */
final class RoleMappingOidcUserService
    implements ReactiveOAuth2UserService<OidcUserRequest, OidcUser> {

  private final OidcReactiveOAuth2UserService delegate = new OidcReactiveOAuth2UserService();
  private final ReactiveJwtDecoder accessTokens;
  private final AccessRoles roles;

  RoleMappingOidcUserService(ReactiveJwtDecoder accessTokens, AccessRoles roles) {
    this.accessTokens = accessTokens;
    this.roles = roles;
  }

  @Override
  public Mono<OidcUser> loadUser(OidcUserRequest request) {
    return delegate
        .loadUser(request)
        .flatMap(
            user ->
                accessTokens
                    .decode(request.getAccessToken().getTokenValue())
                    .map(Jwt::getClaims)
                    // An opaque or foreign access token simply contributes no roles.
                    .onErrorResume(e -> Mono.just(Map.of()))
                    .map(accessClaims -> withRoles(user, accessClaims)));
  }

  private OidcUser withRoles(OidcUser user, Map<String, Object> accessClaims) {
    Map<String, Object> userClaims = new HashMap<>(user.getClaims());
    Set<GrantedAuthority> authorities = new LinkedHashSet<>(roles.authorities(userClaims));
    authorities.addAll(roles.authorities(accessClaims));
    return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), "sub");
  }
}
