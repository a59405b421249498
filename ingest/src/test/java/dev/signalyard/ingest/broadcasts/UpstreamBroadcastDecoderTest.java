package dev.signalyard.ingest.broadcasts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import com.google.protobuf.StringValue;
import dev.signalyard.ingest.broadcasts.proto.BroadcastMessage;
import dev.signalyard.ingest.broadcasts.proto.BroadcastType;
import dev.signalyard.ingest.broadcasts.proto.Emitter;
import dev.signalyard.schemas.broadcasts.Broadcast;
import dev.signalyard.schemas.broadcasts.BroadcastSeverity;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A corpus of every drunc broadcast type, ERS chains and broken records. */
class UpstreamBroadcastDecoderTest {

  private static final String TOPIC = "control.run42.process_manager";
  private static final long TIME = 1_795_860_000_123L;

  private final UpstreamBroadcastDecoder decoder =
      new UpstreamBroadcastDecoder(new BroadcastSeverities(Map.of()));

  @ParameterizedTest
  @EnumSource(value = BroadcastType.class, names = "UNRECOGNIZED", mode = EnumSource.Mode.EXCLUDE)
  void decodesEveryBroadcastTypeWithItsTextSessionAndRecordTime(BroadcastType type)
      throws Exception {
    byte[] bytes = DruncMessages.broadcast("run42", "process_manager", type, "text of " + type);

    Broadcast b = decoder.decode(TOPIC, 2, 77, TIME, bytes);

    assertThat(b.getId()).isEqualTo(TOPIC + "-2-77");
    assertThat(b.getSession()).isEqualTo("run42");
    assertThat(b.getSource()).isEqualTo("process_manager");
    assertThat(b.getType()).isEqualTo(type.name());
    assertThat(b.getText()).isEqualTo("text of " + type);
    assertThat(b.getTime()).isEqualTo(Instant.ofEpochMilli(TIME));
    assertThat(b.getUpstreamTopic()).isEqualTo(TOPIC);
    assertThat(b.getUpstreamPartition()).isEqualTo(2);
    assertThat(b.getUpstreamOffset()).isEqualTo(77);
    assertThat(b.getSeverity()).isEqualTo(BroadcastSeverities.defaultOf(type));
  }

  @Test
  void mapsSeveritiesLikeDruncUi() {
    BroadcastSeverities severities = new BroadcastSeverities(Map.of());
    assertThat(
            Arrays.stream(BroadcastType.values())
                .filter(t -> t != BroadcastType.UNRECOGNIZED)
                .filter(t -> severities.of(t) != BroadcastSeverity.INFO)
                .map(t -> t + "=" + severities.of(t)))
        .containsExactlyInAnyOrder(
            "ACK=DEBUG",
            "COMMAND_EXECUTION_SUCCESS=DEBUG",
            "DEBUG=DEBUG",
            "DRUNC_EXCEPTION_RAISED=ERROR",
            "CHILD_COMMAND_EXECUTION_FAILED=ERROR",
            "UNHANDLED_EXCEPTION_RAISED=FATAL");
    assertThat(severities.of(BroadcastType.FSM_STATUS_UPDATE)).isEqualTo(BroadcastSeverity.INFO);
  }

  @Test
  void appliesConfiguredSeverityOverridesAndRejectsUnknownTypes() {
    BroadcastSeverities severities =
        new BroadcastSeverities(Map.of("text_message", BroadcastSeverity.WARNING));
    assertThat(severities.of(BroadcastType.TEXT_MESSAGE)).isEqualTo(BroadcastSeverity.WARNING);
    assertThatThrownBy(() -> new BroadcastSeverities(Map.of("NOPE", BroadcastSeverity.ERROR)))
        .hasMessageContaining("severities.NOPE");
  }

  @Test
  void takesTheSessionFromTheTopicWhenTheEmitterHasNone() throws Exception {
    byte[] bytes = DruncMessages.broadcast("", "controller", BroadcastType.SERVER_READY, "ready");

    assertThat(decoder.decode("control.np04.hd.root-controller", 0, 0, TIME, bytes).getSession())
        .isEqualTo("np04.hd");
    assertThat(decoder.decode("control", 0, 0, TIME, bytes).getSession()).isEqualTo("no_session");
  }

  @Test
  void keepsAnotherAnyAsTypeUrlAndBase64() throws Exception {
    byte[] bytes =
        BroadcastMessage.newBuilder()
            .setEmitter(Emitter.newBuilder().setProcess("pm").setSession("s"))
            .setType(BroadcastType.STATUS_UPDATE)
            .setData(Any.pack(StringValue.of("hi")))
            .build()
            .toByteArray();

    Broadcast b = decoder.decode(TOPIC, 0, 1, TIME, bytes);

    assertThat(b.getText()).isEmpty();
    assertThat(b.getDetails())
        .containsEntry("dataTypeUrl", "type.googleapis.com/google.protobuf.StringValue")
        .containsKey("dataBase64");
  }

  @Test
  void namesATypeNumberThisBuildDoesNotKnow() throws Exception {
    byte[] bytes =
        BroadcastMessage.newBuilder()
            .setEmitter(Emitter.newBuilder().setProcess("pm").setSession("s"))
            .setTypeValue(42)
            .build()
            .toByteArray();

    Broadcast b = decoder.decode(TOPIC, 0, 1, TIME, bytes);

    assertThat(b.getType()).isEqualTo("UNKNOWN_42");
    assertThat(b.getSeverity()).isEqualTo(BroadcastSeverity.INFO);
  }

  @Test
  void decodesAnErsIssueChainWithItsCauses() throws Exception {
    byte[] bytes = DruncMessages.issueChain("run42", "dataflow-0", "critical", "write failed");

    Broadcast b = decoder.decode("erscontrol.run42", 0, 5, TIME, bytes);

    assertThat(b.getType()).isEqualTo(UpstreamBroadcastDecoder.ERS_TYPE);
    assertThat(b.getSession()).isEqualTo("run42");
    assertThat(b.getSource()).isEqualTo("dataflow-0");
    assertThat(b.getSeverity()).isEqualTo(BroadcastSeverity.FATAL);
    assertThat(b.getText()).isEqualTo("write failed");
    assertThat(b.getTime()).isEqualTo(Instant.ofEpochMilli(TIME));
    assertThat(b.getDetails())
        .containsEntry("name", "dunedaq::dfmodules::DataStoreWriteFailed")
        .containsEntry("module", "datawriter")
        .containsEntry("context.host", "np04-srv-001")
        .containsEntry("context.line", "212")
        .containsEntry("param.path", "/data/run1.hdf5")
        .containsEntry("cause.0.name", "dunedaq::hdf5libs::FileOpenFailed")
        .containsEntry("cause.0.message", "cannot open file");
  }

  @Test
  void upperCasesErsSeveritiesAndDefaultsToInfo() {
    assertThat(BroadcastSeverities.parse("warning")).isEqualTo(BroadcastSeverity.WARNING);
    assertThat(BroadcastSeverities.parse("Error")).isEqualTo(BroadcastSeverity.ERROR);
    assertThat(BroadcastSeverities.parse("CRITICAL")).isEqualTo(BroadcastSeverity.FATAL);
    assertThat(BroadcastSeverities.parse("")).isEqualTo(BroadcastSeverity.INFO);
    assertThat(BroadcastSeverities.parse("LOG")).isEqualTo(BroadcastSeverity.INFO);
  }

  @Test
  void refusesCorruptBytesAndMissingValues() {
    byte[] corrupt = {0x0a, 0x7f, 0x01};
    assertThatThrownBy(() -> decoder.decode(TOPIC, 0, 1, TIME, corrupt))
        .isInstanceOf(UndecodableBroadcastException.class)
        .hasMessageContaining("BroadcastMessage");
    assertThatThrownBy(() -> decoder.decode("erscontrol.x", 0, 1, TIME, corrupt))
        .isInstanceOf(UndecodableBroadcastException.class)
        .hasMessageContaining("IssueChain");
    assertThatThrownBy(() -> decoder.decode(TOPIC, 0, 1, TIME, null))
        .isInstanceOf(UndecodableBroadcastException.class);
  }
}
