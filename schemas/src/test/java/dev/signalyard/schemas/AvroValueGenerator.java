package dev.signalyard.schemas;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Builds a deterministic generic value for any Avro schema, so tests can write realistic records
 * with old schema versions that no generated class describes any more. Every value differs from the
 * others of one record, so a field read into the wrong place shows up. Logical types get a value of
 * their underlying type, as a writer without conversions stores them.
 *
 * <p>Thread-safety: not thread-safe; it counts the values it made. Use one instance per record.
 */
final class AvroValueGenerator {

  // Plausible as timestamp-millis (November 2023) and still distinct per value.
  private static final long LONG_BASE = 1_700_000_000_000L;

  private int counter;

  /** A record of {@code schema} with every field set, optional ones to their non-null branch. */
  GenericRecord record(Schema schema) {
    return (GenericRecord) value(schema);
  }

  private Object value(Schema schema) {
    int n = ++counter;
    return switch (schema.getType()) {
      case RECORD -> {
        GenericData.Record record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
          record.put(field.pos(), value(field.schema()));
        }
        yield record;
      }
      case ENUM -> new GenericData.EnumSymbol(schema, schema.getEnumSymbols().get(0));
      case UNION -> value(nonNullBranch(schema));
      case ARRAY ->
          new GenericData.Array<>(
              schema, List.of(value(schema.getElementType()), value(schema.getElementType())));
      case MAP -> Map.of("key-" + n, value(schema.getValueType()));
      case FIXED -> new GenericData.Fixed(schema, bytes(n, schema.getFixedSize()));
      case BYTES -> ByteBuffer.wrap(bytes(n, 3));
      // A uuid-typed string must parse as a UUID where the reader converts it.
      case STRING ->
          "uuid".equals(logicalTypeName(schema))
              ? UUID.nameUUIDFromBytes(bytes(n, 4)).toString()
              : "value-" + n;
      case INT -> n;
      case LONG -> LONG_BASE + n;
      // Binary fractions survive float-to-double promotion exactly.
      case FLOAT -> n + 0.25f;
      case DOUBLE -> n + 0.5;
      case BOOLEAN -> n % 2 == 0;
      case NULL -> null;
    };
  }

  private static Schema nonNullBranch(Schema union) {
    return union.getTypes().stream()
        .filter(branch -> branch.getType() != Schema.Type.NULL)
        .findFirst()
        .orElse(union.getTypes().get(0));
  }

  private static String logicalTypeName(Schema schema) {
    return schema.getLogicalType() == null ? null : schema.getLogicalType().getName();
  }

  private static byte[] bytes(int seed, int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (seed + i);
    }
    return bytes;
  }
}
