package dev.signalyard.queryapi.security;

import java.util.Set;
import org.springframework.http.HttpMethod;

/**
 * The HTTP methods the read role allows: GET (which includes server-sent event streams), HEAD and
 * OPTIONS. Every other method needs the write role.
 *
 * <p>Thread-safety: stateless.
 */
final class ReadOnlyMethods {

  static final Set<HttpMethod> METHODS =
      Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

  private ReadOnlyMethods() {}

  static boolean isReadOnly(HttpMethod method) {
    return METHODS.contains(method);
  }
}
