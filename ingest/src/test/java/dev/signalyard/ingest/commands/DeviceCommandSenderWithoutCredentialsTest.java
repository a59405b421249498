package dev.signalyard.ingest.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.ingest.IngestProperties;
import dev.signalyard.platform.kafka.SignalyardKafkaProperties;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class DeviceCommandSenderWithoutCredentialsTest {

  @Test
  void doesNotStartAndSaysWhy(CapturedOutput output) {
    IngestProperties.Commands settings =
        new IngestProperties.Commands(
            URI.create("https://rockblock.rock7.com/rockblock/MT"),
            null,
            null,
            Duration.ofSeconds(30),
            Duration.ofSeconds(2),
            Duration.ofMinutes(5),
            8);
    // Nothing connects: the sender must not even build a consumer.
    SignalyardKafkaProperties kafka =
        new SignalyardKafkaProperties("127.0.0.1:1", Map.of(), false, (short) 1, 0, 0);
    DeviceCommandSender sender =
        new DeviceCommandSender(kafka, settings, null, null, Clock.systemUTC());

    sender.start();

    assertThat(sender.isRunning()).isFalse();
    assertThat(output.getAll())
        .containsOnlyOnce("RockBLOCK MT sender not started")
        .contains("ROCKBLOCK_USER")
        .contains("stay QUEUED");
  }
}
