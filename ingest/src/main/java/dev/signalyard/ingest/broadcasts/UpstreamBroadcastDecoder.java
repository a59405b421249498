package dev.signalyard.ingest.broadcasts;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.signalyard.ingest.broadcasts.proto.BroadcastMessage;
import dev.signalyard.ingest.broadcasts.proto.BroadcastType;
import dev.signalyard.ingest.broadcasts.proto.Context;
import dev.signalyard.ingest.broadcasts.proto.IssueChain;
import dev.signalyard.ingest.broadcasts.proto.PlainText;
import dev.signalyard.ingest.broadcasts.proto.SimpleIssue;
import dev.signalyard.schemas.broadcasts.Broadcast;
import dev.signalyard.schemas.broadcasts.BroadcastSeverity;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns one upstream Kafka record into a {@link Broadcast}: a drunc {@code BroadcastMessage} on
 * {@code control.*} topics, an ERS {@code IssueChain} on topics starting with {@code ers} (the rule
 * drunc-ui uses).
 *
 * <p>The text of a broadcast is its {@code data} unpacked as {@code PlainText}, not the raw {@code
 * Any} bytes (drunc-ui's mistake kept the protobuf tag and length in front of the text). An {@code
 * Any} of another type is kept as its type URL and base64 value in the details. The session is the
 * emitter's (or the chain's) and, when that is empty, the one in the topic name {@code
 * control.<session>.<name>}. The time is the Kafka record's: drunc broadcasts have none.
 *
 * <p>Thread-safety: immutable.
 */
public final class UpstreamBroadcastDecoder {

  /** Type of a broadcast made from an ERS issue chain. */
  public static final String ERS_TYPE = "ERS_ISSUE";

  static final String NO_SESSION = "no_session";

  private final BroadcastSeverities severities;

  public UpstreamBroadcastDecoder(BroadcastSeverities severities) {
    this.severities = severities;
  }

  /**
   * The id of the record at {@code topic}, {@code partition}, {@code offset}: stable on replays.
   */
  public static String id(String topic, int partition, long offset) {
    return topic + "-" + partition + "-" + offset;
  }

  /**
   * Decodes one upstream record.
   *
   * @throws UndecodableBroadcastException when the value is absent or not the expected protobuf
   */
  public Broadcast decode(String topic, int partition, long offset, long timestamp, byte[] value)
      throws UndecodableBroadcastException {
    if (value == null) {
      throw new UndecodableBroadcastException("The record has no value", null);
    }
    Broadcast.Builder builder =
        Broadcast.newBuilder()
            .setId(id(topic, partition, offset))
            .setUpstreamTopic(topic)
            .setUpstreamPartition(partition)
            .setUpstreamOffset(offset)
            .setTime(Instant.ofEpochMilli(timestamp));
    try {
      if (topic.startsWith("ers")) {
        return ers(builder, topic, IssueChain.parseFrom(value));
      }
      return drunc(builder, topic, BroadcastMessage.parseFrom(value));
    } catch (InvalidProtocolBufferException e) {
      throw new UndecodableBroadcastException(
          "Not a protobuf "
              + (topic.startsWith("ers") ? "dunedaq.ersschema.IssueChain" : "BroadcastMessage")
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private Broadcast drunc(Broadcast.Builder builder, String topic, BroadcastMessage message)
      throws InvalidProtocolBufferException {
    BroadcastType type = message.getType();
    Map<String, String> details = new LinkedHashMap<>();
    String text = "";
    if (message.hasData()) {
      Any data = message.getData();
      if (data.is(PlainText.class)) {
        text = data.unpack(PlainText.class).getText();
      } else {
        details.put("dataTypeUrl", data.getTypeUrl());
        details.put(
            "dataBase64", Base64.getEncoder().encodeToString(data.getValue().toByteArray()));
      }
    }
    String typeName =
        type == BroadcastType.UNRECOGNIZED ? "UNKNOWN_" + message.getTypeValue() : type.name();
    return builder
        .setSession(session(message.getEmitter().getSession(), topic))
        .setSource(message.getEmitter().getProcess())
        .setType(typeName)
        .setSeverity(severities.of(type))
        .setText(text)
        .setDetails(details)
        .build();
  }

  private static Broadcast ers(Broadcast.Builder builder, String topic, IssueChain chain) {
    SimpleIssue last = chain.getFinal();
    Map<String, String> details = new LinkedHashMap<>();
    issue(details, "", last);
    for (int i = 0; i < chain.getCausesCount(); i++) {
      issue(details, "cause." + i + ".", chain.getCauses(i));
    }
    if (!chain.getModule().isEmpty()) {
      details.put("module", chain.getModule());
    }
    String application =
        chain.getApplication().isEmpty()
            ? last.getContext().getApplicationName()
            : chain.getApplication();
    BroadcastSeverity severity = BroadcastSeverities.parse(last.getSeverity());
    return builder
        .setSession(session(chain.getSession(), topic))
        .setSource(application)
        .setType(ERS_TYPE)
        .setSeverity(severity)
        .setText(last.getMessage())
        .setDetails(details)
        .build();
  }

  private static void issue(Map<String, String> details, String prefix, SimpleIssue issue) {
    put(details, prefix + "name", issue.getName());
    if (!prefix.isEmpty()) {
      put(details, prefix + "message", issue.getMessage());
      put(details, prefix + "severity", issue.getSeverity());
    }
    if (issue.getTime() != 0) {
      details.put(prefix + "issueTime", Instant.ofEpochMilli(issue.getTime()).toString());
    }
    if (issue.getInheritanceCount() > 0) {
      details.put(prefix + "inheritance", String.join(",", issue.getInheritanceList()));
    }
    Context c = issue.getContext();
    put(details, prefix + "context.host", c.getHostName());
    put(details, prefix + "context.package", c.getPackageName());
    put(details, prefix + "context.file", c.getFileName());
    put(details, prefix + "context.function", c.getFunctionName());
    if (c.getLineNumber() != 0) {
      details.put(prefix + "context.line", Integer.toString(c.getLineNumber()));
    }
    if (c.getProcessId() != 0) {
      details.put(prefix + "context.pid", Integer.toString(c.getProcessId()));
    }
    put(details, prefix + "context.user", c.getUserName());
    put(details, prefix + "context.application", c.getApplicationName());
    issue.getParametersMap().forEach((k, v) -> details.put(prefix + "param." + k, v));
  }

  private static void put(Map<String, String> details, String key, String value) {
    if (!value.isEmpty()) {
      details.put(key, value);
    }
  }

  /**
   * The emitter's session, else the session part of {@code control.<session>.<name>} (everything
   * between the first and the last dot, as drunc joins {@code session.name}), else {@code
   * no_session}, drunc's own default.
   */
  static String session(String emitted, String topic) {
    if (!emitted.isEmpty()) {
      return emitted;
    }
    int first = topic.indexOf('.');
    int last = topic.lastIndexOf('.');
    if (first >= 0 && last > first + 1) {
      return topic.substring(first + 1, last);
    }
    return NO_SESSION;
  }
}
