package dev.signalyard.ingest;

import dev.signalyard.testsupport.KafkaTestBroker;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of the webhook tests: the ingest application over the shared real Kafka broker, with {@link
 * TestJwts#ROCK7} as RockBLOCK's key and two tracker sources. Every subclass shares one application
 * context, since they configure it identically.
 */
@SpringBootTest(
    classes = IngestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
public abstract class WebhookTestBase {

  public static final String FLEET = "fleet-a";
  public static final String FLEET_SECRET = "fleet-a-secret-0123456789";
  public static final String OTHER_SOURCE = "fleet-b";
  public static final String OTHER_SECRET = "fleet-b-secret-9876543210";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add(
        "signalyard.kafka.bootstrap-servers", () -> KafkaTestBroker.shared().bootstrapServers());
    registry.add(
        "signalyard.ingest.rockblock.public-key", () -> TestJwts.publicKeyPem(TestJwts.ROCK7));
    registry.add("signalyard.ingest.trackers.secrets." + FLEET, () -> FLEET_SECRET);
    registry.add("signalyard.ingest.trackers.secrets." + OTHER_SOURCE, () -> OTHER_SECRET);
  }

  @Autowired protected WebTestClient client;

  /** The {@code X-Signalyard-Signature} value of {@code body} under {@code secret}. */
  public static String signature(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256="
          + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
