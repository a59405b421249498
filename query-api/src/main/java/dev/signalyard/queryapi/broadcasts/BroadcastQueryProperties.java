package dev.signalyard.queryapi.broadcasts;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the broadcast endpoints. Immutable, so thread-safe.
 *
 * @param feedRetention How far back the in-memory feed reaches: broadcasts older than this (by
 *     message time) are dropped and not served. drunc-ui kept 30 minutes.
 * @param maxBroadcasts Most broadcasts kept in memory on one node, whatever their age; the oldest
 *     go first.
 * @param defaultLimit Page size of {@code GET /api/broadcasts} without {@code limit}.
 * @param maxLimit Largest {@code limit} accepted.
 * @param streamBacklog Default number of recent broadcasts {@code GET /api/broadcasts/stream} sends
 *     before the live ones ({@code last} overrides it, up to {@code maxLimit}).
 * @param subscriberBuffer Live broadcasts buffered per stream subscriber; one that falls further
 *     behind gets a {@code resync} event and the stream ends.
 * @param heartbeat Interval of SSE comment lines that keep idle connections open.
 */
@ConfigurationProperties("signalyard.query.broadcasts")
public record BroadcastQueryProperties(
    @DefaultValue("24h") Duration feedRetention,
    @DefaultValue("200000") int maxBroadcasts,
    @DefaultValue("100") int defaultLimit,
    @DefaultValue("1000") int maxLimit,
    @DefaultValue("100") int streamBacklog,
    @DefaultValue("1000") int subscriberBuffer,
    @DefaultValue("15s") Duration heartbeat) {

  public BroadcastQueryProperties {
    if (feedRetention.isNegative() || feedRetention.isZero()) {
      throw new IllegalArgumentException(
          "signalyard.query.broadcasts.feed-retention must be positive");
    }
    if (maxBroadcasts < 1 || defaultLimit < 1 || maxLimit < defaultLimit || subscriberBuffer < 1) {
      throw new IllegalArgumentException(
          "signalyard.query.broadcasts: max-broadcasts, default-limit and subscriber-buffer must be"
              + " at least 1, max-limit at least default-limit");
    }
  }
}
