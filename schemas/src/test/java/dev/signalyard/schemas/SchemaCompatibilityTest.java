package dev.signalyard.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.signalyard.schemas.devices.RawDeviceReport;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.serde.SignalyardSchemaStore;
import dev.signalyard.schemas.serde.UndecodableRecordException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guards schema evolution: the current generated classes must read every released schema version,
 * and every schema change must be released as a new version before it ships.
 */
class SchemaCompatibilityTest {

  private static final SignalyardSchemaStore STORE = SignalyardSchemaStore.released();
  private static final String RELEASED_DIR = "src/main/resources/dev/signalyard/schemas/released/";

  static Stream<String> releasedNames() {
    return STORE.names().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("releasedNames")
  void currentSchemaCanReadEveryReleasedVersion(String name) {
    Schema current = currentSchema(name);
    List<Schema> versions = STORE.versions(name);
    List<String> problems = new ArrayList<>();
    for (int v = 1; v <= versions.size(); v++) {
      for (Incompatibility problem :
          SchemaCompatibility.checkReaderWriterCompatibility(current, versions.get(v - 1))
              .getResult()
              .getIncompatibilities()) {
        problems.add(
            "  v%d: %s at %s: %s"
                .formatted(v, problem.getType(), problem.getLocation(), problem.getMessage()));
      }
    }
    if (!problems.isEmpty()) {
      fail(
          "The current %s schema cannot read records written with released versions, which may"
              + " still be in topics:%n%s%nMake the change backward compatible, e.g. give new"
              + " fields a default.",
          name, String.join(System.lineSeparator(), problems));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("releasedNames")
  void newestReleasedVersionIsTheCurrentSchema(String name) {
    List<Schema> versions = STORE.versions(name);
    int next = versions.size() + 1;

    assertThat(fingerprint(currentSchema(name)))
        .withFailMessage(
            "%s differs from its newest released version v%d. Records written with an unreleased"
                + " schema cannot be decoded once the schema changes again. Release it: copy the"
                + " changed .avsc from src/main/avro to %s%s/v%d.avsc and add the line"
                + " \"%s/v%d.avsc\" to %sindex.txt.",
            name, versions.size(), RELEASED_DIR, name, next, name, next, RELEASED_DIR)
        .isEqualTo(fingerprint(versions.get(versions.size() - 1)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("releasedNames")
  void recordsWrittenWithEveryReleasedVersionDecodeIntoTheCurrentClass(String name) {
    AvroSerde<? extends SpecificRecord> serde = AvroSerde.of(currentClass(name));
    List<Schema> versions = STORE.versions(name);
    for (int v = 1; v <= versions.size(); v++) {
      Schema writer = versions.get(v - 1);
      GenericRecord written = new AvroValueGenerator().record(writer);

      SpecificRecord read = serde.decode(singleObjectEncode(writer, written));

      assertSameValues(writer.getName() + " v" + v, written, withoutConversions(read));
    }
  }

  @Test
  void compatibilityCheckRejectsANewRequiredField() {
    Schema released = rawDeviceReportV1();
    Schema reader = withRequiredField(released);

    SchemaPairCompatibility result =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, released);

    assertThat(result.getType()).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    assertThat(result.getResult().getIncompatibilities())
        .extracting(Incompatibility::getType)
        .containsExactly(SchemaIncompatibilityType.READER_FIELD_MISSING_DEFAULT_VALUE);
  }

  @Test
  void recordsWrittenWithAnUnreleasedSchemaAreRejected() {
    Schema unreleased = withRequiredField(rawDeviceReportV1());
    byte[] bytes = singleObjectEncode(unreleased, new AvroValueGenerator().record(unreleased));

    assertThatThrownBy(() -> AvroSerde.of(RawDeviceReport.class).decode(bytes))
        .isInstanceOf(UndecodableRecordException.class)
        .hasMessageStartingWith(
            "unknown schema fingerprint 0x" + HexFormat.of().toHexDigits(fingerprint(unreleased)));
  }

  // Released versions never change, so tests built on one keep meaning the same.
  private static Schema rawDeviceReportV1() {
    return STORE.versions(RawDeviceReport.getClassSchema().getFullName()).get(0);
  }

  /** The schema with a string field that has no default, added by editing its JSON. */
  private static Schema withRequiredField(Schema schema) {
    String json = schema.toString();
    String altered =
        json.replaceFirst(
            "\"fields\":\\[",
            "\"fields\":[{\"name\":\"addedWithoutDefault\",\"type\":\"string\"},");
    assertThat(altered).isNotEqualTo(json);
    return new Schema.Parser().parse(altered);
  }

  private static Class<? extends SpecificRecord> currentClass(String name) {
    try {
      return Class.forName(name).asSubclass(SpecificRecord.class);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(
          "Released schema " + name + " has no generated class; was its .avsc removed?", e);
    }
  }

  private static Schema currentSchema(String name) {
    return SpecificData.get().getSchema(currentClass(name));
  }

  private static long fingerprint(Schema schema) {
    return SchemaNormalization.parsingFingerprint64(schema);
  }

  private static byte[] singleObjectEncode(Schema writer, GenericRecord record) {
    try {
      ByteBuffer encoded =
          new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode(record);
      byte[] bytes = new byte[encoded.remaining()];
      encoded.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * The record as a generic one with logical types in their underlying representation (an Instant
   * as its epoch millis), so it compares with what the generator wrote.
   */
  private static GenericRecord withoutConversions(SpecificRecord record) {
    Schema schema = record.getSchema();
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      new SpecificDatumWriter<SpecificRecord>(schema, SpecificData.getForClass(record.getClass()))
          .write(record, encoder);
      encoder.flush();
      return new GenericDatumReader<GenericRecord>(schema, schema, GenericData.get())
          .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Compares the fields the writer and reader share by name, recursing into nested values. */
  private static void assertSameValues(String path, Object written, Object read) {
    if (written instanceof GenericRecord writtenRecord
        && read instanceof GenericRecord readRecord) {
      for (Schema.Field field : writtenRecord.getSchema().getFields()) {
        Schema.Field readField = readRecord.getSchema().getField(field.name());
        if (readField != null) {
          assertSameValues(
              path + "." + field.name(),
              writtenRecord.get(field.pos()),
              readRecord.get(readField.pos()));
        }
      }
    } else if (written instanceof Map<?, ?> writtenMap && read instanceof Map<?, ?> readMap) {
      Map<String, ?> expected = byStringKey(writtenMap);
      Map<String, ?> actual = byStringKey(readMap);
      assertThat(actual.keySet()).as(path).isEqualTo(expected.keySet());
      expected.forEach(
          (key, value) -> assertSameValues(path + "[" + key + "]", value, actual.get(key)));
    } else if (written instanceof List<?> writtenList && read instanceof List<?> readList) {
      assertThat(readList).as(path).hasSameSizeAs(writtenList);
      for (int i = 0; i < writtenList.size(); i++) {
        assertSameValues(path + "[" + i + "]", writtenList.get(i), readList.get(i));
      }
    } else {
      assertThat(plain(read)).as(path).isEqualTo(plain(written));
    }
  }

  private static Map<String, ?> byStringKey(Map<?, ?> map) {
    Map<String, Object> copy = new TreeMap<>();
    map.forEach((key, value) -> copy.put(key.toString(), value));
    return copy;
  }

  /** One Java representation per Avro value, whichever class the reader or writer used. */
  private static Object plain(Object value) {
    if (value instanceof CharSequence || value instanceof GenericEnumSymbol<?>) {
      return value.toString();
    }
    if (value instanceof ByteBuffer buffer) {
      ByteBuffer copy = buffer.duplicate();
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      return HexFormat.of().formatHex(bytes);
    }
    if (value instanceof GenericFixed fixed) {
      return HexFormat.of().formatHex(fixed.bytes());
    }
    // A widened field (int to long, float to double, ...) reads as another Number class.
    if (value instanceof Number number) {
      return new BigDecimal(number.toString()).stripTrailingZeros();
    }
    return value;
  }
}
