package dev.signalyard.ingest.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalyard.ingest.web.PayloadTooLargeException;
import dev.signalyard.platform.web.InvalidRequestException;
import dev.signalyard.platform.web.Problems.FieldError;
import dev.signalyard.schemas.devices.RawDeviceReport;
import dev.signalyard.schemas.devices.RawReportFormat;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RockBlockMessageParserTest {

  private static final Instant NOW = Instant.parse("2022-02-01T22:22:41Z");
  private final RockBlockMessageParser parser =
      new RockBlockMessageParser(Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void readsTheFormCaptureFromTheRockBlockDocs() throws IOException {
    RawDeviceReport report =
        parser.parse(form("rockblock/mo-form-capture.txt"), RawReportFormat.ROCKBLOCK_FORM, false);

    assertThat(report.getImei()).isEqualTo("300234068036650");
    assertThat(report.getSerial()).isEqualTo(16949L);
    assertThat(report.getMomsn()).isEqualTo(376);
    assertThat(report.getTransmitTime()).isEqualTo(Instant.parse("2022-02-01T22:22:40Z"));
    assertThat(report.getIridiumLatitude()).isEqualTo(60.9634);
    assertThat(report.getIridiumLongitude()).isEqualTo(36.0877);
    assertThat(report.getIridiumCepKm()).isEqualTo(79.0);
    assertThat(StandardCharsets.US_ASCII.decode(report.getData()).toString())
        .isEqualTo("Hello World");
    assertThat(report.getDeviceType()).isEqualTo("ROCKBLOCK");
    assertThat(report.getReceivedAt()).isEqualTo(NOW);
    assertThat(report.getFormat()).isEqualTo(RawReportFormat.ROCKBLOCK_FORM);
    assertThat(report.getAttributes()).isEmpty();
  }

  @Test
  void readsTheSessionStatusOfOlderFormPosts() throws IOException {
    RawDeviceReport report =
        parser.parse(
            form("rockblock/mo-form-paikea-pk001.txt"), RawReportFormat.ROCKBLOCK_FORM, false);

    assertThat(report.getIridiumSessionStatus()).isZero();
    assertThat(report.getAttributes()).isEmpty();
    assertThat(StandardCharsets.US_ASCII.decode(report.getData()).toString())
        .startsWith("PK001;lat:3776.4395,NS:N");
  }

  @Test
  void keepsUnknownFieldsAsAttributes() throws IOException {
    Map<String, String> fields = new HashMap<>(form("rockblock/mo-form-capture.txt"));
    fields.put("iat", "1643754332");

    RawDeviceReport report = parser.parse(fields, RawReportFormat.ROCKBLOCK_FORM, false);

    assertThat(report.getAttributes()).containsExactly(Map.entry("iat", "1643754332"));
  }

  @Test
  void recordsWhetherTheFieldsWereSignatureVerified() throws IOException {
    Map<String, String> fields = form("rockblock/mo-form-capture.txt");

    assertThat(parser.parse(fields, RawReportFormat.ROCKBLOCK_FORM, true).getSignatureVerified())
        .isTrue();
    assertThat(parser.parse(fields, RawReportFormat.ROCKBLOCK_FORM, false).getSignatureVerified())
        .isFalse();
  }

  @Test
  void readsJsonValuesGivenAsNumbers() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("momsn", "932");
    fields.put("data", "41626364");
    fields.put("serial", "16949");
    fields.put("iridium_latitude", "37.663");
    fields.put("iridium_cep", "101.0");
    fields.put("imei", "300234068036650");
    fields.put("transmit_time", "22-02-01 22:25:31");
    fields.put("iridium_longitude", "171.4884");

    RawDeviceReport report = parser.parse(fields, RawReportFormat.ROCKBLOCK_JSON, true);

    assertThat(report.getMomsn()).isEqualTo(932);
    assertThat(report.getIridiumLongitude()).isEqualTo(171.4884);
  }

  @Test
  void namesEveryBadField() throws IOException {
    Map<String, String> fields = new HashMap<>(form("rockblock/mo-form-capture.txt"));
    fields.put("imei", "30023406803665");
    fields.put("momsn", "65536");
    fields.put("transmit_time", "2022-02-01T22:22:40Z");
    fields.put("iridium_latitude", "91");
    fields.remove("iridium_cep");
    fields.put("data", "4g");
    fields.put("iridium_session_status", "-1");

    assertThatThrownBy(() -> parser.parse(fields, RawReportFormat.ROCKBLOCK_FORM, false))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactlyInAnyOrder(
                        "imei",
                        "momsn",
                        "transmit_time",
                        "iridium_latitude",
                        "iridium_cep",
                        "data",
                        "iridium_session_status"));
  }

  @Test
  void rejectsPayloadsLargerThanTheMoLimitAsTooLargeEvenWithOtherBadFields() throws IOException {
    Map<String, String> fields = new HashMap<>(form("rockblock/mo-form-capture.txt"));
    fields.put("data", "00".repeat(RockBlockMessageParser.MAX_PAYLOAD_BYTES + 1));
    fields.put("imei", "12");

    assertThatThrownBy(() -> parser.parse(fields, RawReportFormat.ROCKBLOCK_FORM, false))
        .isInstanceOf(PayloadTooLargeException.class)
        .hasMessageContaining("341 bytes")
        .hasMessageContaining("at most 340");
  }

  @Test
  void acceptsTheLargestPayloadAndAnEmptyOne() throws IOException {
    Map<String, String> fields = new HashMap<>(form("rockblock/mo-form-capture.txt"));
    fields.put("data", "ab".repeat(RockBlockMessageParser.MAX_PAYLOAD_BYTES));
    assertThat(parser.parse(fields, RawReportFormat.ROCKBLOCK_FORM, false).getData().remaining())
        .isEqualTo(340);
    fields.put("data", "");
    assertThat(parser.parse(fields, RawReportFormat.ROCKBLOCK_FORM, false).getData().remaining())
        .isZero();
  }

  static Map<String, String> form(String resource) throws IOException {
    try (InputStream in =
        RockBlockMessageParserTest.class.getClassLoader().getResourceAsStream(resource)) {
      String body = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      Map<String, String> fields = new LinkedHashMap<>();
      for (String pair : body.split("&")) {
        String[] kv = pair.split("=", 2);
        fields.put(
            URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
            URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
      }
      return fields;
    }
  }
}
