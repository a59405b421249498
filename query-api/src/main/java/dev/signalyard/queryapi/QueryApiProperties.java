package dev.signalyard.queryapi;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the query API.
 *
 * @param heartbeat Interval of the comment lines sent on idle SSE streams, so that proxies and
 *     browsers keep the connection open.
 * @param subscriberBuffer Changes buffered for one slow SSE subscriber; when it overflows the
 *     subscriber gets a {@code resync} event and the stream ends, instead of memory growing.
 */
@ConfigurationProperties("signalyard.query")
public record QueryApiProperties(
    @DefaultValue("15s") Duration heartbeat, @DefaultValue("1024") int subscriberBuffer) {}
