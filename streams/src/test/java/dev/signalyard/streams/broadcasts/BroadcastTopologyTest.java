package dev.signalyard.streams.broadcasts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.signalyard.schemas.broadcasts.Broadcast;
import dev.signalyard.schemas.broadcasts.BroadcastCount;
import dev.signalyard.schemas.broadcasts.BroadcastSeverity;
import dev.signalyard.schemas.broadcasts.ProcessStatus;
import dev.signalyard.schemas.broadcasts.SessionState;
import dev.signalyard.schemas.common.DeadLetter;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BroadcastTopologyTest {

  private static final Instant T0 = Instant.parse("2026-11-22T10:00:10Z");

  private final AvroSerde<Broadcast> serde = AvroSerde.of(Broadcast.class);
  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> input;
  private TestOutputTopic<String, Broadcast> feed;
  private TestOutputTopic<String, BroadcastCount> counts;
  private TestOutputTopic<String, SessionState> sessions;
  private TestOutputTopic<String, DeadLetter> deadLetters;

  @BeforeEach
  void setUp() {
    StreamsBuilder builder = new StreamsBuilder();
    BroadcastTopology.build(
        builder, Clock.fixed(T0, ZoneOffset.UTC), Duration.ofDays(7), Duration.ofHours(1));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "broadcasts");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    driver = new TopologyTestDriver(builder.build(), props);
    input =
        driver.createInputTopic(
            TopicCatalog.BROADCASTS.name(),
            Serdes.String().serializer(),
            Serdes.ByteArray().serializer());
    feed =
        driver.createOutputTopic(
            TopicCatalog.BROADCAST_FEED.name(), Serdes.String().deserializer(), serde);
    counts =
        driver.createOutputTopic(
            TopicCatalog.BROADCAST_COUNTS.name(),
            Serdes.String().deserializer(),
            AvroSerde.of(BroadcastCount.class));
    sessions =
        driver.createOutputTopic(
            TopicCatalog.BROADCAST_SESSIONS.name(),
            Serdes.String().deserializer(),
            AvroSerde.of(SessionState.class));
    deadLetters =
        driver.createOutputTopic(
            TopicCatalog.DEAD_LETTERS.name(),
            Serdes.String().deserializer(),
            AvroSerde.of(DeadLetter.class));
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  @Test
  void passesBroadcastsToTheFeedAndDropsReplayedCopiesById() {
    Broadcast first = broadcast(0, "process_manager", "SERVER_READY", "ready", T0);
    pipe(first);
    pipe(first);
    pipe(broadcast(1, "process_manager", "ACK", "User 'u' attempting", T0.plusSeconds(1)));

    var records = feed.readKeyValuesToList();
    assertThat(records).extracting(kv -> kv.key).containsOnly("s1");
    assertThat(records)
        .extracting(kv -> kv.value.getId())
        .containsExactly("control.s1.process_manager-0-0", "control.s1.process_manager-0-1");
  }

  @Test
  void countsPerSessionSeverityAndMinute() {
    pipe(broadcast(0, "pm", "ACK", "a", T0));
    pipe(broadcast(1, "pm", "ACK", "b", T0.plusSeconds(5)));
    pipe(broadcast(2, "pm", "DRUNC_EXCEPTION_RAISED", "c", T0.plusSeconds(6)));
    pipe(broadcast(3, "pm", "ACK", "d", T0.plusSeconds(60)));

    Map<String, BroadcastCount> latest = counts.readKeyValuesToMap();
    long minute = Instant.parse("2026-11-22T10:00:00Z").toEpochMilli();
    assertThat(latest.get("s1|DEBUG|" + minute).getCount()).isEqualTo(2);
    assertThat(latest.get("s1|ERROR|" + minute).getCount()).isEqualTo(1);
    BroadcastCount next = latest.get("s1|DEBUG|" + (minute + 60_000));
    assertThat(next.getCount()).isEqualTo(1);
    assertThat(next.getWindowEnd()).isEqualTo(Instant.parse("2026-11-22T10:02:00Z"));
    assertThat(next.getSession()).isEqualTo("s1");
    assertThat(next.getSeverity()).isEqualTo("DEBUG");
  }

  @Test
  void keepsTheLatestFsmStateAndEveryProcessStatus() {
    pipe(broadcast(0, "root-controller", "FSM_STATUS_UPDATE", "configured", T0));
    pipe(broadcast(1, "pm", "SERVER_READY", "ready", T0.plusSeconds(1)));
    pipe(broadcast(2, "root-controller", "FSM_STATUS_UPDATE", "running", T0.plusSeconds(3)));
    // A late FSM update must not overwrite the newer state.
    pipe(broadcast(3, "root-controller", "FSM_STATUS_UPDATE", "initial", T0.plusSeconds(2)));
    pipe(broadcast(4, "daq-app", "STATUS_UPDATE", "RUNNING", T0.plusSeconds(4)));
    pipe(broadcast(5, "pm", "SERVER_SHUTDOWN", "over_and_out", T0.plusSeconds(5)));

    SessionState state = sessions.readKeyValuesToMap().get("s1");
    assertThat(state.getFsmState()).isEqualTo("running");
    assertThat(state.getFsmUpdatedAt()).isEqualTo(T0.plusSeconds(3));
    assertThat(state.getLastActivity()).isEqualTo(T0.plusSeconds(5));
    assertThat(state.getMessages()).isEqualTo(6);
    assertThat(state.getProcesses())
        .extracting(ProcessStatus::getName, ProcessStatus::getStatus)
        .containsExactly(tuple("daq-app", "RUNNING"), tuple("pm", "SHUTDOWN"));
  }

  @Test
  void sendsAnUnreadableRecordToDeadLetters() {
    input.pipeInput("s1", "not avro".getBytes(StandardCharsets.UTF_8), T0);

    DeadLetter letter = deadLetters.readValue();
    assertThat(letter.getStage()).isEqualTo(BroadcastDedupeProcessor.STAGE);
    assertThat(letter.getSourceTopic()).isEqualTo(TopicCatalog.BROADCASTS.name());
    assertThat(feed.isEmpty()).isTrue();
  }

  private void pipe(Broadcast b) {
    input.pipeInput(b.getSession(), serde.encode(b), b.getTime());
  }

  private static Broadcast broadcast(
      long offset, String source, String type, String text, Instant time) {
    return Broadcast.newBuilder()
        .setId("control.s1.process_manager-0-" + offset)
        .setSession("s1")
        .setSource(source)
        .setUpstreamTopic("control.s1.process_manager")
        .setUpstreamPartition(0)
        .setUpstreamOffset(offset)
        .setType(type)
        .setSeverity(
            switch (type) {
              case "ACK" -> BroadcastSeverity.DEBUG;
              case "DRUNC_EXCEPTION_RAISED" -> BroadcastSeverity.ERROR;
              default -> BroadcastSeverity.INFO;
            })
        .setText(text)
        .setTime(time)
        .build();
  }
}
