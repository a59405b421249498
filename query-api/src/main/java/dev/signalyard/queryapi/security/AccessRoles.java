package dev.signalyard.queryapi.security;

import dev.signalyard.queryapi.security.SecurityProperties.RolesClaimFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Maps a token's roles claim to the two authorities the API checks: {@link #WRITE} for the role
 * named by {@code ROLE_CHECK} and {@link #READ} for the one named by {@code ROLE_CHECK_READ}. The
 * write role implies read.
 *
 * <p>Role names are compared as whole entries, not substrings: the reference's substring match let
 * a role {@code fleet-write-old} count as {@code fleet-write}.
 *
 * <p>Thread-safety: immutable.
 */
public final class AccessRoles {

  /** Authority of principals that may read (GET, SSE). */
  public static final String READ = "ROLE_SIGNALYARD_READ";

  /** Authority of principals that may do everything. */
  public static final String WRITE = "ROLE_SIGNALYARD_WRITE";

  /** The environment variable naming the write role, as in the seeds. */
  public static final String WRITE_ROLE_VARIABLE = "ROLE_CHECK";

  /** The environment variable naming the read role, as in the seeds. */
  public static final String READ_ROLE_VARIABLE = "ROLE_CHECK_READ";

  static final String DEFAULT_WRITE_ROLE = "signalyard-write";
  static final String DEFAULT_READ_ROLE = "signalyard-read";

  // Separators of a role list: whitespace, commas, semicolons, and JSON array punctuation, so
  // that a decoded JSON array of plain names splits into the names.
  private static final Pattern SEPARATORS = Pattern.compile("[\\s,;\"\\[\\]]+");

  private final List<String> claimPath;
  private final RolesClaimFormat format;
  private final String writeRole;
  private final String readRole;

  public AccessRoles(
      String rolesClaim, RolesClaimFormat format, String writeRole, String readRole) {
    this.claimPath = List.of(rolesClaim.split("\\."));
    this.format = format;
    this.writeRole = writeRole;
    this.readRole = readRole;
  }

  public String writeRole() {
    return writeRole;
  }

  public String readRole() {
    return readRole;
  }

  /** The authorities granted by the roles in these token claims; empty when none matches. */
  public Collection<GrantedAuthority> authorities(Map<String, Object> claims) {
    Set<String> roles = roles(claims);
    List<GrantedAuthority> authorities = new ArrayList<>(2);
    if (roles.contains(writeRole)) {
      authorities.add(new SimpleGrantedAuthority(WRITE));
      authorities.add(new SimpleGrantedAuthority(READ));
    } else if (roles.contains(readRole)) {
      authorities.add(new SimpleGrantedAuthority(READ));
    }
    return authorities;
  }

  /** The role names in the configured claim of these claims; empty when it is missing. */
  Set<String> roles(Map<String, Object> claims) {
    Object value = claims;
    for (String segment : claimPath) {
      if (!(value instanceof Map<?, ?> map)) {
        return Set.of();
      }
      value = map.get(segment);
    }
    if (value == null) {
      return Set.of();
    }
    if (format == RolesClaimFormat.BASE64) {
      return value instanceof String text ? split(decode(text)) : Set.of();
    }
    if (value instanceof Collection<?> names) {
      Set<String> roles = new HashSet<>();
      names.forEach(name -> roles.add(String.valueOf(name)));
      return roles;
    }
    return split(String.valueOf(value));
  }

  private static String decode(String base64) {
    String trimmed = base64.trim();
    try {
      return new String(Base64.getDecoder().decode(trimmed), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notStandard) {
      try {
        return new String(Base64.getUrlDecoder().decode(trimmed), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException notBase64) {
        // A malformed claim grants nothing rather than failing the request with a 500.
        return "";
      }
    }
  }

  private static Set<String> split(String list) {
    Set<String> roles = new HashSet<>();
    for (String name : SEPARATORS.split(list)) {
      if (!name.isEmpty()) {
        roles.add(name);
      }
    }
    return roles;
  }
}
