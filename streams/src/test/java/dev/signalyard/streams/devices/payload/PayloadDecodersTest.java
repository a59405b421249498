package dev.signalyard.streams.devices.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Walks the payload corpus {@code payloads/corpus.txt} through the default decoders. */
class PayloadDecodersTest {

  private static final PayloadDecoders DECODERS = PayloadDecoders.defaults();

  static Stream<Arguments> corpus() throws IOException {
    try (InputStream in = PayloadDecodersTest.class.getResourceAsStream("/payloads/corpus.txt")) {
      List<String> lines =
          List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
      return lines.stream()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .map(line -> line.split("\\s*\\|\\s*", -1))
          .map(f -> Arguments.of(f[0], f[1], f[2], f[3], f[4]))
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void decodes(String name, String deviceType, String transmit, String payload, String expected) {
    Payload input =
        new Payload(
            deviceType.equals("-") ? null : deviceType, bytes(payload), Instant.parse(transmit));
    Map<String, String> expect = expectations(expected);

    if (expect.containsKey("error")) {
      assertThatThrownBy(() -> DECODERS.decode(input))
          .isInstanceOf(UndecodablePayloadException.class)
          .hasMessageContaining(expect.get("error"));
      return;
    }
    DecodedPayload decoded = DECODERS.decode(input);
    assertThat(decoded.type()).isEqualTo(expect.get("type"));
    if (expect.containsKey("lat")) {
      assertThat(decoded.gpsFix().latitude())
          .isCloseTo(Double.parseDouble(expect.get("lat")), within(1e-6));
      assertThat(decoded.gpsFix().longitude())
          .isCloseTo(Double.parseDouble(expect.get("lon")), within(1e-6));
      assertThat(decoded.gpsFix().time()).isEqualTo(Instant.parse(expect.get("fix")));
      assertThat(decoded.gpsFix().time()).isBeforeOrEqualTo(Instant.parse(transmit));
    } else {
      assertThat(decoded.gpsFix()).isNull();
    }
    assertThat(decoded.batteryVolts()).isEqualTo(number(expect.get("batt")));
    assertThat(decoded.speedKnots()).isEqualTo(number(expect.get("sog")));
    assertThat(decoded.courseDegrees()).isEqualTo(number(expect.get("cog")));
    assertThat(decoded.statusFlags())
        .isEqualTo(expect.containsKey("sta") ? Integer.valueOf(expect.get("sta")) : null);
  }

  @Test
  void theRawPassthroughMustComeLast() {
    assertThatThrownBy(() -> new PayloadDecoders(List.of(new TextPayloadDecoder())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] bytes(String payload) {
    if (payload.startsWith("hex:")) {
      return HexFormat.of().parseHex(payload.substring(4));
    }
    String text = payload.substring("text:".length()).replace("\\r", "\r").replace("\\n", "\n");
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static Map<String, String> expectations(String expected) {
    Map<String, String> map = new HashMap<>();
    if (expected.startsWith("error=")) {
      map.put("error", expected.substring("error=".length()));
      return map;
    }
    for (String pair : expected.split(" ")) {
      int eq = pair.indexOf('=');
      map.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return map;
  }

  private static Double number(String value) {
    return value == null ? null : Double.valueOf(value);
  }
}
