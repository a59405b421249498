package dev.signalyard.queryapi.live;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings shared by every server-sent event stream: resume, connection limits and drain.
 *
 * <p>Thread-safety: immutable.
 *
 * @param replayCapacity Newest changes each topic view keeps so that a client reconnecting with
 *     {@code Last-Event-ID} gets exactly what it missed; an older position gets {@code resync} and
 *     a fresh snapshot. Memory is about that many decoded values per view.
 * @param maxStreamsPerPrincipal Concurrent streams one principal (the client address when
 *     anonymous) may hold on one node; one more is refused with 429 and {@code Retry-After}.
 * @param streamLimitRetryAfter The {@code Retry-After} of that 429.
 * @param reconnectDelay The SSE {@code retry:} hint of the {@code shutdown} event: how long a
 *     client waits before it reconnects (to another replica) when this node shuts down.
 * @param drainTimeout Longest wait, on shutdown, for open streams to end after their {@code
 *     shutdown} event, before the web server stops.
 * @param http2MaxConcurrentStreams Requests (streams) one HTTP/2 connection may carry at once, when
 *     HTTP/2 is on ({@code SERVER_HTTP2_ENABLED=true}: h2c on a plain port, h2 with TLS). A proxy
 *     or client that multiplexes server-sent event streams over HTTP/2 then needs one connection,
 *     and one file descriptor on this node, per that many streams instead of one per stream.
 * @param pendingWriteLimit Bytes of events one stream may have handed to the web server that are
 *     not yet written to its connection. A stream at the limit takes no more changes: they wait in
 *     its subscriber buffer, which overflows into {@code resync}. Bounds the memory of streams
 *     whose connection cannot keep up (over HTTP/2 many streams share one); a single stream still
 *     moves about this much per round trip of its connection.
 */
@ConfigurationProperties("signalyard.query.live")
public record LiveStreamProperties(
    @DefaultValue("10000") int replayCapacity,
    @DefaultValue("20") int maxStreamsPerPrincipal,
    @DefaultValue("5s") Duration streamLimitRetryAfter,
    @DefaultValue("1s") Duration reconnectDelay,
    @DefaultValue("10s") Duration drainTimeout,
    @DefaultValue("256") int http2MaxConcurrentStreams,
    @DefaultValue("8KB") DataSize pendingWriteLimit) {

  public LiveStreamProperties {
    if (replayCapacity < 0) {
      throw new IllegalArgumentException("signalyard.query.live.replay-capacity must be >= 0");
    }
    if (maxStreamsPerPrincipal < 1) {
      throw new IllegalArgumentException(
          "signalyard.query.live.max-streams-per-principal must be at least 1");
    }
    if (http2MaxConcurrentStreams < 1) {
      throw new IllegalArgumentException(
          "signalyard.query.live.http2-max-concurrent-streams must be at least 1");
    }
    if (pendingWriteLimit.toBytes() < 1) {
      throw new IllegalArgumentException(
          "signalyard.query.live.pending-write-limit must be at least 1B");
    }
  }
}
