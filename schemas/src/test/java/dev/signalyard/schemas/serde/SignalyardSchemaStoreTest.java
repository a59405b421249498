package dev.signalyard.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalyard.schemas.common.DeadLetter;
import dev.signalyard.schemas.devices.DeviceReport;
import dev.signalyard.schemas.devices.RawDeviceReport;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignalyardSchemaStoreTest {

  private static final String STORES = "dev/signalyard/schemas/serde/stores/";

  @Test
  void releasedStoreHoldsV1OfEveryRecordSchema() {
    SignalyardSchemaStore store = SignalyardSchemaStore.released();

    assertThat(store.names())
        .contains(
            "dev.signalyard.schemas.common.DeadLetter",
            "dev.signalyard.schemas.devices.DeviceReport",
            "dev.signalyard.schemas.devices.RawDeviceReport",
            "dev.signalyard.schemas.devices.TrackerReport");
    for (Schema current :
        new Schema[] {
          RawDeviceReport.getClassSchema(),
          DeviceReport.getClassSchema(),
          DeadLetter.getClassSchema()
        }) {
      long fingerprint = SchemaNormalization.parsingFingerprint64(current);
      assertThat(store.findByFingerprint(fingerprint).getFullName())
          .isEqualTo(current.getFullName());
    }
  }

  @Test
  void releasedIsLoadedOnce() {
    assertThat(SignalyardSchemaStore.released()).isSameAs(SignalyardSchemaStore.released());
  }

  @Test
  void listsVersionsOldestFirstWhateverTheIndexOrder() {
    SignalyardSchemaStore store = load("valid");

    assertThat(store.names()).containsExactly("test.Other", "test.Thing");
    assertThat(store.versions("test.Thing"))
        .extracting(schema -> schema.getFields().size())
        .containsExactly(1, 2);
    assertThat(store.versions("test.Other")).hasSize(1);
  }

  @Test
  void findsEveryVersionByFingerprint() {
    SignalyardSchemaStore store = load("valid");

    for (Schema version : store.versions("test.Thing")) {
      assertThat(store.findByFingerprint(SchemaNormalization.parsingFingerprint64(version)))
          .isEqualTo(version);
    }
  }

  @Test
  void answersNothingForUnknownNamesAndFingerprints() {
    SignalyardSchemaStore store = load("valid");

    assertThat(store.versions("test.Missing")).isEmpty();
    assertThat(store.findByFingerprint(42L)).isNull();
  }

  @Test
  void exposesNoWayToChangeIt() {
    SignalyardSchemaStore store = load("valid");

    assertThatThrownBy(() -> store.names().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> store.versions("test.Thing").clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          gap              | versions of test.Thing must be v1..vN without gaps, found [1, 3]
          wrong-name       | (test.Thing/v1.avsc): file declares test.Other, not test.Thing
          missing-file     | classpath resource dev/signalyard/schemas/serde/stores/missing-file/test.Thing/v1.avsc not found
          bad-line         | line 1 (test.Thing/1.avsc): expected <full name>/v<N>.avsc
          same-fingerprint | line 2 (test.Thing/v2.avsc): parses to the same schema as an earlier version of test.Thing
          not-avro         | (test.Thing/v1.avsc): not a valid Avro schema
          listed-twice     | line 2 (test.Thing/v1.avsc): listed twice
          no-such-store    | the index of released schemas: classpath resource dev/signalyard/schemas/serde/stores/no-such-store/index.txt not found
          """)
  void refusesAnInconsistentStore(String store, String problem) {
    assertThatThrownBy(() -> load(store))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(problem);
  }

  private static SignalyardSchemaStore load(String store) {
    return SignalyardSchemaStore.load(
        SignalyardSchemaStoreTest.class.getClassLoader(), STORES + store + "/");
  }
}
