package dev.signalyard.queryapi.broadcasts;

import dev.signalyard.platform.kafka.SignalyardKafkaProperties;
import dev.signalyard.queryapi.live.TopicView;
import dev.signalyard.schemas.broadcasts.Broadcast;
import dev.signalyard.schemas.broadcasts.BroadcastCount;
import dev.signalyard.schemas.broadcasts.SessionState;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The in-memory views the broadcast endpoints answer from: broadcast-feed into a {@link
 * BroadcastFeed} (read from the start, which the feed's retention trims), broadcast-sessions and
 * broadcast-counts as newest value per key.
 */
@Configuration(proxyBeanMethods = false)
class BroadcastViewConfiguration {

  @Bean
  TopicView<Broadcast> broadcastFeedView(SignalyardKafkaProperties kafka) {
    AvroSerde<Broadcast> serde = AvroSerde.of(Broadcast.class);
    return new TopicView<>(TopicCatalog.BROADCAST_FEED.name(), kafka, serde::decode);
  }

  @Bean
  BroadcastFeed broadcastFeed(
      TopicView<Broadcast> broadcastFeedView, BroadcastQueryProperties properties) {
    BroadcastFeed feed =
        new BroadcastFeed(
            properties.feedRetention(), properties.maxBroadcasts(), Clock.systemUTC());
    broadcastFeedView.addListener(
        entry -> {
          if (entry.value() != null) {
            feed.add(entry.value());
          }
        });
    return feed;
  }

  @Bean
  TopicView<SessionState> broadcastSessionView(SignalyardKafkaProperties kafka) {
    AvroSerde<SessionState> serde = AvroSerde.of(SessionState.class);
    return new TopicView<>(TopicCatalog.BROADCAST_SESSIONS.name(), kafka, serde::decode);
  }

  @Bean
  TopicView<BroadcastCount> broadcastCountView(SignalyardKafkaProperties kafka) {
    AvroSerde<BroadcastCount> serde = AvroSerde.of(BroadcastCount.class);
    return new TopicView<>(TopicCatalog.BROADCAST_COUNTS.name(), kafka, serde::decode);
  }
}
