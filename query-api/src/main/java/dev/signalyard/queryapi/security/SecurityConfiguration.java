package dev.signalyard.queryapi.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint.DelegateEntry;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.savedrequest.WebSessionServerRequestCache;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.MediaTypeServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.util.StringUtils;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call the query API.
 *
 * <ul>
 *   <li>No issuer ({@code SIGNALYARD_SECURITY_ISSUERURI} unset): open access, announced with a
 *       warning at start-up; refused with a start-up error when the {@code production} profile is
 *       active.
 *   <li>An issuer: bearer JWTs of that issuer (resource server); with an OAuth2 client registration
 *       ({@code spring.security.oauth2.client.registration.*}) also browser login through the
 *       authorization-code flow, kept in a web session (in Redis when configured) and protected
 *       against CSRF. The read role allows GET (and so SSE), HEAD and OPTIONS; the write role
 *       allows everything. Failures answer with problem bodies: 401 for missing or invalid
 *       credentials (browsers asking for a page outside {@code /api/} are sent to the login
 *       instead), 403 for missing roles or a missing CSRF token.
 *   <li>Always reachable without credentials: {@code /actuator/health}, the OpenAPI document and
 *       its UI, and {@code /actuator/prometheus} when actuator has a management port of its own
 *       (the default, see {@code ServiceDefaults}): only the cluster reaches that port.
 *   <li>{@code /internal/stores/**}, the replicas' store endpoints: without a bearer token when
 *       {@code signalyard.query.stores.internal-token} is set (the endpoints then require that
 *       token themselves); otherwise like any other GET, with the read role.
 * </ul>
 *
 * <p>Thread-safety: configuration, used once at start-up.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class SecurityConfiguration {

  static final String PRODUCTION_PROFILE = "production";
  static final String MISSING_ISSUER_MESSAGE =
      "The production profile requires an OIDC issuer: set SIGNALYARD_SECURITY_ISSUERURI"
          + " (signalyard.security.issuer-uri), e.g. https://sso.example.org/realms/signalyard."
          + " Open access is only allowed outside the production profile.";
  static final String CSRF_COOKIE = "XSRF-TOKEN";
  static final String INTERNAL_STORES = "/internal/stores/**";
  static final String INTERNAL_TOKEN_PROPERTY = "signalyard.query.stores.internal-token";

  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

  private static final RedirectServerAuthenticationFailureHandler LOGIN_FAILED =
      new RedirectServerAuthenticationFailureHandler("/login?error");

  private static final String[] PUBLIC_DOCS = {
    "/v3/api-docs",
    "/v3/api-docs.yaml",
    "/v3/api-docs/**",
    "/swagger-ui.html",
    "/swagger-ui/**",
    "/webjars/**"
  };

  @Bean
  AccessProblems accessProblems(JsonMapper json) {
    return new AccessProblems(json);
  }

  @Bean
  AccessRoles accessRoles(SecurityProperties properties, Environment environment) {
    return new AccessRoles(
        properties.rolesClaim(),
        properties.rolesClaimFormat(),
        text(
            environment.getProperty(AccessRoles.WRITE_ROLE_VARIABLE),
            AccessRoles.DEFAULT_WRITE_ROLE),
        text(
            environment.getProperty(AccessRoles.READ_ROLE_VARIABLE),
            AccessRoles.DEFAULT_READ_ROLE));
  }

  /**
   * The service keeps no local users or passwords. Declaring this empty lookup also keeps Spring
   * Boot from creating a user with a generated password, which would suggest otherwise.
   */
  @Bean
  ReactiveUserDetailsService noLocalUsers() {
    return username -> Mono.empty();
  }

  @Bean
  SecurityWebFilterChain securityWebFilterChain(
      ServerHttpSecurity http,
      SecurityProperties properties,
      Environment environment,
      AccessRoles roles,
      AccessProblems problems,
      ObjectProvider<ReactiveJwtDecoder> jwtDecoder,
      ObjectProvider<ReactiveClientRegistrationRepository> registrations) {
    http.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable);
    cors(http, properties.corsAllowedOrigins());
    if (!properties.secured()) {
      if (environment.matchesProfiles(PRODUCTION_PROFILE)) {
        throw new IllegalStateException(MISSING_ISSUER_MESSAGE);
      }
      warnOpenAccess();
      return http.authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
          .csrf(ServerHttpSecurity.CsrfSpec::disable)
          .logout(ServerHttpSecurity.LogoutSpec::disable)
          .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
          .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
          .build();
    }

    ProblemAuthenticationEntryPoint unauthorized = new ProblemAuthenticationEntryPoint(problems);
    ProblemAccessDeniedHandler forbidden = new ProblemAccessDeniedHandler(problems, roles);
    boolean separateManagementPort = separateManagementPort(environment);
    boolean internalToken = StringUtils.hasText(environment.getProperty(INTERNAL_TOKEN_PROPERTY));
    http.authorizeExchange(
        exchanges -> {
          exchanges.pathMatchers("/actuator/health", "/actuator/health/**").permitAll();
          if (internalToken) {
            // Replicas call each other with the shared token, which the endpoints check themselves.
            exchanges.pathMatchers(INTERNAL_STORES).permitAll();
          }
          if (separateManagementPort) {
            exchanges.pathMatchers("/actuator/prometheus").permitAll();
          }
          exchanges.pathMatchers(PUBLIC_DOCS).permitAll();
          exchanges
              .matchers(SecurityConfiguration::readOnly)
              .hasAuthority(AccessRoles.READ)
              .anyExchange()
              .hasAuthority(AccessRoles.WRITE);
        });
    JwtAuthenticationConverter tokens = new JwtAuthenticationConverter();
    tokens.setJwtGrantedAuthoritiesConverter(jwt -> roles.authorities(jwt.getClaims()));
    http.oauth2ResourceServer(
        server ->
            server
                .jwt(
                    jwt ->
                        jwt.jwtDecoder(jwtDecoder.getObject())
                            .jwtAuthenticationConverter(
                                new ReactiveJwtAuthenticationConverterAdapter(tokens)))
                .authenticationEntryPoint(unauthorized)
                .accessDeniedHandler(forbidden));

    ReactiveClientRegistrationRepository clients = registrations.getIfAvailable();
    if (clients == null) {
      // Bearer tokens only: nothing is kept between requests, so there is no cookie to forge.
      http.csrf(ServerHttpSecurity.CsrfSpec::disable)
          .logout(ServerHttpSecurity.LogoutSpec::disable)
          .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
          .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
          .exceptionHandling(
              handling ->
                  handling.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden));
      log.info(
          "Bearer tokens of {} are required; browser login is not configured",
          properties.issuerUri());
      return http.build();
    }

    WebSessionServerRequestCache requestCache = new WebSessionServerRequestCache();
    requestCache.setSaveRequestMatcher(browserPage());
    RedirectServerLogoutSuccessHandler loggedOut = new RedirectServerLogoutSuccessHandler();
    http.oauth2Login(
            login ->
                login
                    .clientRegistrationRepository(clients)
                    .authorizedClientRepository(
                        new WebSessionServerOAuth2AuthorizedClientRepository())
                    .authenticationFailureHandler(SecurityConfiguration::loginFailed))
        .csrf(
            csrf ->
                csrf.csrfTokenRepository(CookieServerCsrfTokenRepository.withHttpOnlyFalse())
                    // The plain handler: a dashboard echoes the cookie's value as it is.
                    .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                    .requireCsrfProtectionMatcher(SecurityConfiguration::unsafeWithoutBearer)
                    .accessDeniedHandler(forbidden))
        .addFilterAfter(new CsrfCookieWebFilter(), SecurityWebFiltersOrder.CSRF)
        .requestCache(cache -> cache.requestCache(requestCache))
        .logout(logout -> logout.logoutSuccessHandler(loggedOut))
        .exceptionHandling(
            handling ->
                handling
                    .authenticationEntryPoint(entryPoint(clients, unauthorized))
                    .accessDeniedHandler(forbidden));
    log.info(
        "Bearer tokens of {} are required; browsers log in through the authorization-code flow",
        properties.issuerUri());
    return http.build();
  }

  /**
   * Logs why a browser login failed (a misconfigured client or provider shows up here first), then
   * sends the browser to {@code /login?error} as Spring Security does by default.
   */
  private static Mono<Void> loginFailed(
      WebFilterExchange exchange, AuthenticationException failure) {
    log.warn("Browser login failed: {}", failure.getMessage());
    return LOGIN_FAILED.onAuthenticationFailure(exchange, failure);
  }

  private static void cors(ServerHttpSecurity http, List<String> allowedOrigins) {
    if (allowedOrigins.isEmpty()) {
      http.cors(ServerHttpSecurity.CorsSpec::disable);
      return;
    }
    CorsConfiguration cors = new CorsConfiguration();
    cors.setAllowedOrigins(allowedOrigins);
    cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
    cors.setAllowedHeaders(
        List.of(
            HttpHeaders.AUTHORIZATION,
            HttpHeaders.CONTENT_TYPE,
            HttpHeaders.ACCEPT,
            "Last-Event-ID",
            "X-XSRF-TOKEN"));
    cors.setExposedHeaders(List.of(HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER));
    cors.setAllowCredentials(true);
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/api/**", cors);
    http.cors(spec -> spec.configurationSource(source));
  }

  /**
   * Browsers asking for a page outside the API go to the login; everything else gets the 401
   * problem. With one client registration the login starts at once, with several on Spring
   * Security's provider choice page.
   */
  private static ServerAuthenticationEntryPoint entryPoint(
      ReactiveClientRegistrationRepository clients, ServerAuthenticationEntryPoint unauthorized) {
    List<String> ids = new ArrayList<>();
    if (clients instanceof Iterable<?> registrations) {
      registrations.forEach(r -> ids.add(((ClientRegistration) r).getRegistrationId()));
    }
    String loginPage = ids.size() == 1 ? "/oauth2/authorization/" + ids.get(0) : "/login";
    DelegatingServerAuthenticationEntryPoint entryPoint =
        new DelegatingServerAuthenticationEntryPoint(
            new DelegateEntry(
                browserPage(), new RedirectServerAuthenticationEntryPoint(loginPage)));
    entryPoint.setDefaultEntryPoint(unauthorized);
    return entryPoint;
  }

  /** A GET for an HTML page outside {@code /api/}: what a browser's address bar sends. */
  private static ServerWebExchangeMatcher browserPage() {
    MediaTypeServerWebExchangeMatcher html =
        new MediaTypeServerWebExchangeMatcher(MediaType.TEXT_HTML);
    html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
    return new AndServerWebExchangeMatcher(
        SecurityConfiguration::readOnly,
        new NegatedServerWebExchangeMatcher(
            new PathPatternParserServerWebExchangeMatcher("/api/**")),
        html);
  }

  private static Mono<MatchResult> readOnly(ServerWebExchange exchange) {
    return ReadOnlyMethods.isReadOnly(exchange.getRequest().getMethod())
        ? MatchResult.match()
        : MatchResult.notMatch();
  }

  /**
   * CSRF applies to state-changing requests authenticated by the session cookie, not by a token.
   */
  private static Mono<MatchResult> unsafeWithoutBearer(ServerWebExchange exchange) {
    String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
    boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    return !bearer && !ReadOnlyMethods.isReadOnly(exchange.getRequest().getMethod())
        ? MatchResult.match()
        : MatchResult.notMatch();
  }

  /**
   * Boot's own verdict, so that it matches where actuator really answers: both ports 0 (random) are
   * two servers, not one.
   */
  private static boolean separateManagementPort(Environment environment) {
    return ManagementPortType.get(environment) == ManagementPortType.DIFFERENT;
  }

  private static void warnOpenAccess() {
    Map<String, String> lines = new LinkedHashMap<>();
    lines.put("OPEN ACCESS", "no OIDC issuer is configured (SIGNALYARD_SECURITY_ISSUERURI)");
    lines.put("consequence", "every client may read and change everything, without a login");
    lines.put("fix", "set SIGNALYARD_SECURITY_ISSUERURI; the production profile requires it");
    StringBuilder banner = new StringBuilder("\n").append("*".repeat(78)).append('\n');
    lines.forEach((k, v) -> banner.append("*  ").append(k).append(": ").append(v).append('\n'));
    banner.append("*".repeat(78));
    log.warn("{}", banner);
  }

  private static String text(String value, String fallback) {
    return StringUtils.hasText(value) ? value.trim() : fallback;
  }
}
