package dev.signalyard.queryapi;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the query API.
 *
 * <p>Thread-safety: immutable.
 *
 * @param heartbeat Interval of the comment lines sent on idle SSE streams, so that proxies and
 *     browsers keep the connection open.
 * @param subscriberBuffer Changes buffered for one slow SSE subscriber; when it overflows the
 *     subscriber gets a {@code resync} event and the stream ends, instead of memory growing.
 * @param trackRetention How far back device tracks are kept in memory and served by {@code GET
 *     /api/devices/{imei}/track}; the device-tracks topic keeps 30 days.
 * @param trackPointsPerDevice Most track points kept in memory per device; the oldest go first. The
 *     track history is held in memory on every node until tracks get a partitioned store, so this
 *     bounds its memory (about 200 bytes a point).
 */
@ConfigurationProperties("signalyard.query")
public record QueryApiProperties(
    @DefaultValue("15s") Duration heartbeat,
    @DefaultValue("1024") int subscriberBuffer,
    @DefaultValue("30d") Duration trackRetention,
    @DefaultValue("10000") int trackPointsPerDevice) {}
