package dev.signalyard.queryapi.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * The token verifier and the login's user loader, present when an issuer is configured.
 *
 * <p>Tokens are verified with the issuer's keys (fetched on first use, so start-up does not depend
 * on the identity provider being up), and must carry exactly the configured {@code iss}, be within
 * their validity period (60 s clock skew) and, when audiences are configured, name one of them.
 *
 * <p>Thread-safety: configuration, used once at start-up.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(IssuerConfigured.class)
public class OidcConfiguration {

  @Bean
  ReactiveJwtDecoder jwtDecoder(SecurityProperties properties) {
    String issuer = properties.issuerUri().toString();
    NimbusReactiveJwtDecoder decoder =
        properties.jwkSetUri() == null
            ? NimbusReactiveJwtDecoder.withIssuerLocation(issuer).build()
            : NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString()).build();
    List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
    validators.add(JwtValidators.createDefaultWithIssuer(issuer));
    if (!properties.audiences().isEmpty()) {
      validators.add(
          new JwtClaimValidator<List<String>>(
              JwtClaimNames.AUD,
              aud -> aud != null && aud.stream().anyMatch(properties.audiences()::contains)));
    }
    decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
    return decoder;
  }

  /** Picked up by {@code oauth2Login()}: grants browser users the roles of their tokens. */
  @Bean
  ReactiveOAuth2UserService<OidcUserRequest, OidcUser> oidcUserService(
      ReactiveJwtDecoder jwtDecoder, AccessRoles roles) {
    return new RoleMappingOidcUserService(jwtDecoder, roles);
  }
}
