package dev.signalyard.schemas.serde;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.HexFormat;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for one generated Avro class, in Avro single-object encoding: the marker {@code C3
 * 01}, the writer schema's CRC-64-AVRO fingerprint (8 bytes, little-endian), then the binary body.
 * Because the header names the writer schema, a record written with any version in {@link
 * SignalyardSchemaStore#released()} decodes into the current class, with defaults for the fields
 * that version lacked. {@code null} maps to {@code null} both ways, so tombstones pass through.
 *
 * <p>Thread-safety: thread-safe. An instance has no mutable state of its own and Avro's message
 * encoder and decoder keep their buffers per thread, so one instance can serve every producer,
 * consumer and stream thread of a process.
 */
public final class AvroSerde<T extends SpecificRecord>
    implements Serde<T>, Serializer<T>, Deserializer<T> {

  private static final byte[] MARKER = {(byte) 0xC3, 0x01};
  private static final int HEADER_LENGTH = MARKER.length + Long.BYTES;
  private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

  private final Schema schema;
  private final long fingerprint;
  private final SchemaStore store;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  private AvroSerde(Class<T> type, SchemaStore store) {
    // The class's own model carries its logical-type conversions (timestamp-millis -> Instant).
    SpecificData model = SpecificData.getForClass(type);
    this.schema = model.getSchema(type);
    this.fingerprint = SchemaNormalization.parsingFingerprint64(schema);
    this.store = store;
    this.encoder = new BinaryMessageEncoder<>(model, schema);
    this.decoder = new BinaryMessageDecoder<>(model, schema, store);
  }

  /** A serde for {@code type} that reads every released version of its schema. */
  public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
    return new AvroSerde<>(type, SignalyardSchemaStore.released());
  }

  /** Single-object encodes {@code record} with the current schema; {@code null} gives null. */
  public byte[] encode(T record) {
    if (record == null) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try {
      encoder.encode(record, out);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Cannot encode " + schema.getFullName() + ": " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /**
   * Decodes single-object encoded {@code bytes}; {@code null} gives null.
   *
   * @throws UndecodableRecordException naming why the bytes are not a readable record
   */
  public T decode(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    long writerFingerprint = writerFingerprint(bytes);
    Schema writer =
        writerFingerprint == fingerprint ? schema : store.findByFingerprint(writerFingerprint);
    if (writer == null) {
      throw new UndecodableRecordException(
          "unknown schema fingerprint "
              + hex(writerFingerprint)
              + ": neither the current "
              + schema.getFullName()
              + " schema nor any released schema version has it");
    }
    if (!readsAs(writer)) {
      throw new UndecodableRecordException(
          "wrong record type: written as "
              + writer.getFullName()
              + " (schema fingerprint "
              + hex(writerFingerprint)
              + "), this serde reads "
              + schema.getFullName());
    }
    ByteArrayInputStream in = new ByteArrayInputStream(bytes);
    T record;
    try {
      record = decoder.decode(in, null);
    } catch (IOException | RuntimeException e) {
      String problem = endsEarly(e) ? "truncated body" : "corrupt body";
      throw new UndecodableRecordException(
          problem + " of " + describe(writer, writerFingerprint) + ": " + rootCause(e), e);
    }
    // The fingerprint pins the exact writer schema, so a well-formed body is consumed entirely.
    if (in.available() > 0) {
      throw new UndecodableRecordException(
          "corrupt body of "
              + describe(writer, writerFingerprint)
              + ": "
              + in.available()
              + " trailing byte(s) after the record");
    }
    return record;
  }

  @Override
  public byte[] serialize(String topic, T data) {
    return encode(data);
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    return decode(data);
  }

  @Override
  public Serializer<T> serializer() {
    return this;
  }

  @Override
  public Deserializer<T> deserializer() {
    return this;
  }

  /** Ignores {@code configs}: the record class fixes the schema, for keys and values alike. */
  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {}

  /** Holds no resources. */
  @Override
  public void close() {}

  @Override
  public String toString() {
    return "AvroSerde[" + schema.getFullName() + "]";
  }

  private static long writerFingerprint(byte[] bytes) {
    if (bytes.length < MARKER.length || bytes[0] != MARKER[0] || bytes[1] != MARKER[1]) {
      String found =
          bytes.length == 0
              ? "no bytes"
              : HEX.formatHex(bytes, 0, Math.min(MARKER.length, bytes.length));
      throw new UndecodableRecordException(
          "not single-object encoded: expected header "
              + HEX.formatHex(MARKER)
              + ", found "
              + found);
    }
    if (bytes.length < HEADER_LENGTH) {
      throw new UndecodableRecordException(
          "not single-object encoded: "
              + bytes.length
              + " bytes, shorter than the "
              + HEADER_LENGTH
              + "-byte header (C3 01 and an 8-byte schema fingerprint)");
    }
    long value = 0;
    for (int i = HEADER_LENGTH - 1; i >= MARKER.length; i--) {
      value = (value << 8) | (bytes[i] & 0xFF);
    }
    return value;
  }

  private boolean readsAs(Schema writer) {
    return writer.getFullName().equals(schema.getFullName())
        || schema.getAliases().contains(writer.getFullName());
  }

  private static String describe(Schema writer, long writerFingerprint) {
    return "a "
        + writer.getFullName()
        + " record (schema fingerprint "
        + hex(writerFingerprint)
        + ")";
  }

  private static String hex(long fingerprint) {
    return "0x" + HexFormat.of().toHexDigits(fingerprint);
  }

  private static boolean endsEarly(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof EOFException) {
        return true;
      }
    }
    return false;
  }

  private static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.toString();
  }
}
