package dev.signalyard.ingest.trackers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalyard.platform.web.InvalidRequestException;
import dev.signalyard.platform.web.Problems.FieldError;
import dev.signalyard.schemas.devices.TrackerReport;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TrackerReportParserTest {

  private static final Instant NOW = Instant.parse("2026-11-22T10:00:05Z");
  private final TrackerReportParser parser =
      new TrackerReportParser(Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void readsEveryField() {
    TrackerReport report =
        parse(
            """
            {"id":"truck-7","time":"2026-11-22T11:00:00+01:00","lat":47.3769,"lon":8.5417,
             "altitude":408.5,"speed":12.3,"course":271,"accuracy":4.9,"battery":87,
             "attributes":{"driver":"ana","ignition":true,"odometer":12034.5,"none":null,
                           "tags":["a","b"]}}
            """);

    assertThat(report.getDeviceId()).isEqualTo("truck-7");
    assertThat(report.getSource()).isEqualTo("fleet");
    assertThat(report.getTime()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
    assertThat(report.getReceivedAt()).isEqualTo(NOW);
    assertThat(report.getLatitude()).isEqualTo(47.3769);
    assertThat(report.getLongitude()).isEqualTo(8.5417);
    assertThat(report.getAltitudeMeters()).isEqualTo(408.5);
    assertThat(report.getSpeedKnots()).isEqualTo(12.3);
    assertThat(report.getCourseDegrees()).isEqualTo(271.0);
    assertThat(report.getAccuracyMeters()).isEqualTo(4.9);
    assertThat(report.getBatteryPercent()).isEqualTo(87.0);
    assertThat(report.getAttributes())
        .containsEntry("driver", "ana")
        .containsEntry("ignition", "true")
        .containsEntry("odometer", "12034.5")
        .containsEntry("tags", "[\"a\",\"b\"]")
        .doesNotContainKey("none");
  }

  @Test
  void needsOnlyIdTimeAndPosition() {
    TrackerReport report =
        parse("{\"id\":\"t1\",\"time\":\"2026-11-22T10:00:00Z\",\"lat\":0,\"lon\":-180}");

    assertThat(report.getSpeedKnots()).isNull();
    assertThat(report.getAttributes()).isEmpty();
  }

  @Test
  void namesEveryBadField() {
    assertThatThrownBy(
            () ->
                parse(
                    """
                    {"id":"","time":"2026-11-22 10:00:00","lat":"47.1","lon":180.5,"speed":-1,
                     "course":361,"accuracy":-0.1,"battery":101,"attributes":[1],"latitude":47}
                    """))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactlyInAnyOrder(
                        "id",
                        "time",
                        "lat",
                        "lon",
                        "speed",
                        "course",
                        "accuracy",
                        "battery",
                        "attributes",
                        "latitude"));
  }

  @Test
  void refusesWhatIsNotOneJsonObject() {
    for (String body :
        new String[] {"", "[]", "{\"id\":", "{} {}", "{\"id\":\"a\",\"id\":\"b\"}"}) {
      assertThatThrownBy(() -> parse(body))
          .as(body)
          .isInstanceOfSatisfying(
              InvalidRequestException.class,
              e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("body"));
    }
  }

  private TrackerReport parse(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return parser.parse(bytes, 0, bytes.length, "fleet");
  }
}
