package dev.signalyard.queryapi.live;

import java.util.function.Consumer;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import reactor.netty.http.Http2SettingsSpec;
import reactor.netty.http.server.HttpServer;

/**
 * Advertises and enforces {@link LiveStreamProperties#http2MaxConcurrentStreams()} on HTTP/2
 * connections ({@code server.http2.enabled}). Without it Netty would use its own default.
 *
 * <p>Reactor Netty replaces the whole HTTP/2 settings on each {@code http2Settings} call, and
 * Spring Boot sets the header list size that way after the application's own server customizers
 * have run. So this one is added last and carries over what is already set.
 *
 * <p>Thread-safety: used once, when the web server is made.
 */
final class Http2StreamLimit
    implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory>, Ordered {

  private final long maxConcurrentStreams;

  Http2StreamLimit(long maxConcurrentStreams) {
    this.maxConcurrentStreams = maxConcurrentStreams;
  }

  @Override
  public void customize(NettyReactiveWebServerFactory factory) {
    factory.addServerCustomizers(this::apply);
  }

  HttpServer apply(HttpServer server) {
    Http2SettingsSpec current = server.configuration().http2SettingsSpec();
    return server.http2Settings(
        settings -> {
          if (current != null) {
            copy(current, settings);
          }
          settings.maxConcurrentStreams(maxConcurrentStreams);
        });
  }

  private static void copy(Http2SettingsSpec from, Http2SettingsSpec.Builder to) {
    set(from.connectProtocolEnabled(), to::connectProtocolEnabled);
    set(from.headerTableSize(), to::headerTableSize);
    set(from.initialWindowSize(), to::initialWindowSize);
    set(from.maxFrameSize(), to::maxFrameSize);
    set(from.maxHeaderListSize(), to::maxHeaderListSize);
    set(from.maxStreams(), to::maxStreams);
    set(from.pingAckDropThreshold(), to::pingAckDropThreshold);
    set(from.pingAckTimeout(), to::pingAckTimeout);
    if (from.maxDecodedRstFramesPerWindow() != null
        && from.maxDecodedRstFramesSecondsPerWindow() != null) {
      to.maxDecodedRstFramesPerWindow(
          from.maxDecodedRstFramesPerWindow(), from.maxDecodedRstFramesSecondsPerWindow());
    }
    if (from.maxEncodedRstFramesPerWindow() != null
        && from.maxEncodedRstFramesSecondsPerWindow() != null) {
      to.maxEncodedRstFramesPerWindow(
          from.maxEncodedRstFramesPerWindow(), from.maxEncodedRstFramesSecondsPerWindow());
    }
  }

  private static <T> void set(T value, Consumer<T> setter) {
    if (value != null) {
      setter.accept(value);
    }
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
