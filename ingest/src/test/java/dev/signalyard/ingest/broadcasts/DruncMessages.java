package dev.signalyard.ingest.broadcasts;

import com.google.protobuf.Any;
import dev.signalyard.ingest.broadcasts.proto.BroadcastMessage;
import dev.signalyard.ingest.broadcasts.proto.BroadcastType;
import dev.signalyard.ingest.broadcasts.proto.Context;
import dev.signalyard.ingest.broadcasts.proto.Emitter;
import dev.signalyard.ingest.broadcasts.proto.IssueChain;
import dev.signalyard.ingest.broadcasts.proto.PlainText;
import dev.signalyard.ingest.broadcasts.proto.SimpleIssue;

/**
 * Upstream messages built with the generated classes and serialized as drunc does ({@code
 * SerializeToString()}, which is {@code toByteArray()} in Java). Stateless.
 */
final class DruncMessages {

  private DruncMessages() {}

  /** A broadcast as drunc's broadcast_sender packs it: PlainText in an Any. */
  static byte[] broadcast(String session, String process, BroadcastType type, String text) {
    return BroadcastMessage.newBuilder()
        .setEmitter(Emitter.newBuilder().setProcess(process).setSession(session))
        .setType(type)
        .setData(Any.pack(PlainText.newBuilder().setText(text).build(), "type.googleapis.com"))
        .build()
        .toByteArray();
  }

  /** An ERS chain with one cause. */
  static byte[] issueChain(String session, String application, String severity, String message) {
    return IssueChain.newBuilder()
        .setFinal(
            SimpleIssue.newBuilder()
                .setName("dunedaq::dfmodules::DataStoreWriteFailed")
                .addInheritance("ers::Issue")
                .setMessage(message)
                .setSeverity(severity)
                .setTime(1_795_860_000_000L)
                .setContext(
                    Context.newBuilder()
                        .setHostName("np04-srv-001")
                        .setPackageName("dfmodules")
                        .setFileName("DataWriter.cpp")
                        .setLineNumber(212)
                        .setApplicationName(application))
                .putParameters("path", "/data/run1.hdf5"))
        .addCauses(
            SimpleIssue.newBuilder()
                .setName("dunedaq::hdf5libs::FileOpenFailed")
                .setMessage("cannot open file")
                .setSeverity("error"))
        .setSession(session)
        .setApplication(application)
        .setModule("datawriter")
        .build()
        .toByteArray();
  }
}
