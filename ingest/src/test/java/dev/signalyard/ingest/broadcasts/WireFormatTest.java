package dev.signalyard.ingest.broadcasts;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import dev.signalyard.schemas.broadcasts.Broadcast;
import dev.signalyard.schemas.broadcasts.BroadcastSeverity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Decodes bytes written field by field from the documented upstream field numbers, without our
 * generated classes, so a wrong number in our .proto files fails here (a test using the generated
 * classes on both sides could not notice).
 */
class WireFormatTest {

  private final UpstreamBroadcastDecoder decoder =
      new UpstreamBroadcastDecoder(new BroadcastSeverities(Map.of()));

  @Test
  void readsABroadcastMessageByItsDocumentedFieldNumbers() throws Exception {
    byte[] emitter =
        message(
            out -> {
              out.writeString(1, "root-controller"); // Emitter.process
              out.writeString(2, "np04"); // Emitter.session
            });
    byte[] plainText = message(out -> out.writeString(1, "running")); // PlainText.text
    byte[] any =
        message(
            out -> {
              out.writeString(
                  1, "type.googleapis.com/dunedaq.druncschema.PlainText"); // Any.type_url
              out.writeBytes(2, ByteString.copyFrom(plainText)); // Any.value
            });
    byte[] broadcast =
        message(
            out -> {
              out.writeBytes(1, ByteString.copyFrom(emitter)); // BroadcastMessage.emitter
              out.writeEnum(2, 17); // BroadcastMessage.type = FSM_STATUS_UPDATE
              out.writeBytes(3, ByteString.copyFrom(any)); // BroadcastMessage.data
            });

    Broadcast b = decoder.decode("control.np04.root-controller", 0, 9, 1_000L, broadcast);

    assertThat(b.getSession()).isEqualTo("np04");
    assertThat(b.getSource()).isEqualTo("root-controller");
    assertThat(b.getType()).isEqualTo("FSM_STATUS_UPDATE");
    assertThat(b.getText()).isEqualTo("running");
  }

  @Test
  void readsAnIssueChainByItsDocumentedFieldNumbers() throws Exception {
    byte[] issue =
        message(
            out -> {
              out.writeString(2, "ers::Message"); // SimpleIssue.name
              out.writeString(4, "disk full"); // SimpleIssue.message
              out.writeString(5, "error"); // SimpleIssue.severity
              out.writeUInt64(6, 1_795_860_000_000L); // SimpleIssue.time
            });
    byte[] chain =
        message(
            out -> {
              out.writeBytes(1, ByteString.copyFrom(issue)); // IssueChain.final
              out.writeString(10, "np04"); // IssueChain.session
              out.writeString(11, "dataflow-0"); // IssueChain.application
              out.writeString(12, "writer"); // IssueChain.module
            });

    Broadcast b = decoder.decode("erscontrol.np04", 0, 1, 1_000L, chain);

    assertThat(b.getSession()).isEqualTo("np04");
    assertThat(b.getSource()).isEqualTo("dataflow-0");
    assertThat(b.getSeverity()).isEqualTo(BroadcastSeverity.ERROR);
    assertThat(b.getText()).isEqualTo("disk full");
    assertThat(b.getDetails())
        .containsEntry("module", "writer")
        .containsEntry("name", "ers::Message");
  }

  private interface Fields {
    void write(CodedOutputStream out) throws IOException;
  }

  private static byte[] message(Fields fields) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    fields.write(out);
    out.flush();
    return bytes.toByteArray();
  }
}
