package dev.signalyard.ingest.devices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.ingest.RawTopics;
import dev.signalyard.ingest.TestJwts;
import dev.signalyard.ingest.WebhookTestBase;
import dev.signalyard.schemas.devices.RawDeviceReport;
import dev.signalyard.schemas.devices.RawReportFormat;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.io.File;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Walks the corpus of RockBLOCK posts in {@code src/test/resources/rockblock/corpus}: each file is
 * posted as RockBLOCK would and must get the outcome {@code expected.txt} gives it; every accepted
 * one must then be on the raw topic with the fields the file (or its token) carries, and whether it
 * was signature-verified.
 */
class RockBlockCorpusTest extends WebhookTestBase {

  private static final String CORPUS = "rockblock/corpus/";
  private static final DateTimeFormatter TRANSMIT_TIME =
      DateTimeFormatter.ofPattern("yy-MM-dd HH:mm:ss");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Map<Integer, String> PROBLEM_TYPES =
      Map.of(
          400, "urn:signalyard:problem:invalid-request",
          401, "urn:signalyard:problem:unauthorized",
          413, "urn:signalyard:problem:payload-too-large");

  /** One line of {@code expected.txt}. */
  record Case(String file, int status, String detail) {
    @Override
    public String toString() {
      return file + " -> " + status + (detail.isEmpty() ? "" : " " + detail);
    }

    boolean json() {
      return file.endsWith(".json");
    }
  }

  @Test
  void everyCorpusFileHasAnExpectedOutcome() throws IOException {
    assertThat(cases().map(Case::file)).containsExactlyInAnyOrderElementsOf(corpusFiles());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void getsItsExpectedAnswerAndIsStoredOnlyWhenAccepted(Case c) throws IOException {
    String template =
        new ClassPathResource(CORPUS + c.file()).getContentAsString(StandardCharsets.UTF_8).trim();
    Map<String, Object> fields = c.json() ? jsonFields(template) : formFields(template);

    EntityExchangeResult<String> result =
        client
            .post()
            .uri("/webhooks/rockblock")
            .contentType(
                c.json()
                    ? MediaType.parseMediaType("application/json; charset=utf-8")
                    : MediaType.APPLICATION_FORM_URLENCODED)
            .bodyValue(withTokens(template, fields))
            .exchange()
            .expectBody(String.class)
            .returnResult();

    assertThat(result.getStatus().value())
        .as("status; answer %s", result.getResponseBody())
        .isEqualTo(c.status());
    if (c.status() == 200) {
      assertThat(result.getResponseBody()).isNullOrEmpty();
      RawTopics.await(
          TopicCatalog.DEVICE_REPORTS_RAW.name(),
          AvroSerde.of(RawDeviceReport.class),
          storedAs(c, fields));
    } else {
      assertThat(result.getResponseHeaders().getContentType())
          .matches(type -> type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
      assertThat(result.getResponseBody()).contains(PROBLEM_TYPES.get(c.status()));
      if (c.status() == 400) {
        assertThat(result.getResponseBody()).contains("\"field\":\"" + c.detail() + "\"");
      }
    }
  }

  private static Predicate<RawTopics.Keyed<RawDeviceReport>> storedAs(
      Case c, Map<String, Object> fields) {
    String imei = fields.get("imei").toString();
    int momsn = Integer.parseInt(fields.get("momsn").toString());
    var transmitTime =
        LocalDateTime.parse(fields.get("transmit_time").toString(), TRANSMIT_TIME)
            .toInstant(ZoneOffset.UTC);
    boolean verified = c.detail().equals("verified");
    int dataBytes = fields.get("data").toString().length() / 2;
    RawReportFormat format =
        c.json() ? RawReportFormat.ROCKBLOCK_JSON : RawReportFormat.ROCKBLOCK_FORM;
    return new Predicate<>() {
      @Override
      public boolean test(RawTopics.Keyed<RawDeviceReport> r) {
        RawDeviceReport report = r.value();
        return r.key().equals(imei)
            && report.getMomsn() == momsn
            && report.getTransmitTime().equals(transmitTime)
            && report.getSignatureVerified() == verified
            && report.getFormat() == format
            && report.getData().remaining() == dataBytes;
      }

      @Override
      public String toString() {
        return c.file();
      }
    };
  }

  /** The file with each token placeholder replaced by a token over the file's fields. */
  private static String withTokens(String template, Map<String, Object> fields) {
    Map<String, Object> claims = TestJwts.claims(fields);
    Map<String, Object> wrongIssuer = new LinkedHashMap<>(claims);
    wrongIssuer.put("iss", "Rock 8");
    return template
        .replace("${JWT}", TestJwts.sign(claims, TestJwts.ROCK7))
        .replace("${JWT_OTHER_KEY}", TestJwts.sign(claims, TestJwts.OTHER))
        .replace("${JWT_TAMPERED}", TestJwts.tampered(claims, "momsn", "1"))
        .replace("${JWT_WRONG_ISSUER}", TestJwts.sign(wrongIssuer, TestJwts.ROCK7))
        .replace("${JWT_HS256}", TestJwts.hs256WithPublicKey(claims))
        .replace("${JWT_NONE}", TestJwts.unsecured(claims));
  }

  private static Map<String, Object> jsonFields(String body) {
    Map<String, Object> fields =
        JSON.readValue(body, new TypeReference<LinkedHashMap<String, Object>>() {});
    fields.remove("JWT");
    return fields;
  }

  private static Map<String, Object> formFields(String body) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      String[] kv = pair.split("=", 2);
      fields.putIfAbsent(
          URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
    }
    fields.remove("JWT");
    return fields;
  }

  static Stream<Case> cases() throws IOException {
    List<Case> cases = new ArrayList<>();
    for (String line :
        new ClassPathResource(CORPUS + "expected.txt")
            .getContentAsString(StandardCharsets.UTF_8)
            .lines()
            .toList()) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.trim().split("\\s+");
      cases.add(new Case(parts[0], Integer.parseInt(parts[1]), parts.length > 2 ? parts[2] : ""));
    }
    return cases.stream();
  }

  private static List<String> corpusFiles() throws IOException {
    File dir = new ClassPathResource(CORPUS).getFile();
    return Arrays.stream(dir.list()).filter(name -> !name.equals("expected.txt")).toList();
  }
}
