package dev.signalyard.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Thrown by {@link AvroSerde} when bytes cannot be decoded into the serde's record class; the
 * message says which check failed (not single-object encoded, unknown schema fingerprint, wrong
 * record type, or truncated/corrupt body) so a dead letter explains itself.
 *
 * <p>Thread-safety: immutable.
 */
public class UndecodableRecordException extends SerializationException {

  private static final long serialVersionUID = 1L;

  public UndecodableRecordException(String message) {
    super(message);
  }

  public UndecodableRecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
