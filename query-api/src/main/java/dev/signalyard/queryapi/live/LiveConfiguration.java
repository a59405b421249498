package dev.signalyard.queryapi.live;

import dev.signalyard.queryapi.security.AccessProblems;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The shared parts of every SSE stream: the per-principal stream limit, the drain on shutdown, the
 * limit of unwritten bytes per stream (and its metrics), the replay log size of every {@link
 * TopicView} (set before the views start) and the HTTP/2 stream limit per connection.
 *
 * <p>Thread-safety: configuration, used once at start-up.
 */
@Configuration(proxyBeanMethods = false)
class LiveConfiguration {

  @Bean
  StreamDrain streamDrain(LiveStreamProperties properties) {
    return new StreamDrain(properties.reconnectDelay(), properties.drainTimeout());
  }

  @Bean
  StreamLimitWebFilter streamLimitWebFilter(
      LiveStreamProperties properties, AccessProblems problems) {
    return new StreamLimitWebFilter(properties, problems);
  }

  @Bean
  StreamWriteLimitWebFilter streamWriteLimitWebFilter(LiveStreamProperties properties) {
    return new StreamWriteLimitWebFilter(properties.pendingWriteLimit().toBytes());
  }

  @Bean
  MeterBinder streamWriteMetrics(StreamWriteLimitWebFilter limit) {
    return registry -> {
      Gauge.builder("signalyard.sse.pending.write", limit, StreamWriteLimitWebFilter::pendingBytes)
          .baseUnit("bytes")
          .description("Bytes of SSE events handed to the web server and not yet written")
          .register(registry);
      Gauge.builder(
              "signalyard.sse.streams.waiting", limit, StreamWriteLimitWebFilter::waitingStreams)
          .description("SSE streams whose next event waits for their connection")
          .register(registry);
    };
  }

  @Bean
  Http2StreamLimit http2StreamLimit(LiveStreamProperties properties) {
    return new Http2StreamLimit(properties.http2MaxConcurrentStreams());
  }

  @Bean
  SmartInitializingSingleton topicViewReplayCapacity(
      LiveStreamProperties properties, ObjectProvider<TopicView<?>> views) {
    return () -> views.forEach(view -> view.setReplayCapacity(properties.replayCapacity()));
  }
}
