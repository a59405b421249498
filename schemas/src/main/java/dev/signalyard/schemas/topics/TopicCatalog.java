package dev.signalyard.schemas.topics;

import dev.signalyard.schemas.common.DeadLetter;
import dev.signalyard.schemas.devices.DeviceReport;
import dev.signalyard.schemas.devices.RawDeviceReport;
import dev.signalyard.schemas.devices.TrackerReport;
import java.time.Duration;
import java.util.List;

/**
 * Every Kafka topic Signalyard uses. Producers, consumers and topic provisioning take names and
 * settings from here, and {@code docs/topics.md} is generated from it by {@link
 * TopicCatalogMarkdown}.
 *
 * <p>Thread-safety: immutable constants.
 */
public final class TopicCatalog {

  private static final String IMEI = "IMEI";

  public static final TopicSpec DEVICE_REPORTS_RAW =
      new TopicSpec(
          "device-reports-raw",
          "IMEI (15 digits)",
          RawDeviceReport.class,
          6,
          Duration.ofDays(7),
          CleanupPolicy.DELETE,
          "Device reports as received by ingest's webhooks, after validation.");

  public static final TopicSpec TRACKER_REPORTS_RAW =
      new TopicSpec(
          "tracker-reports-raw",
          "device id (as sent by the tracker)",
          TrackerReport.class,
          6,
          Duration.ofDays(7),
          CleanupPolicy.DELETE,
          "Reports of generic JSON trackers as received by POST /webhooks/devices, after validation.");

  public static final TopicSpec DEVICE_REPORTS =
      new TopicSpec(
          "device-reports",
          IMEI,
          DeviceReport.class,
          6,
          Duration.ofDays(30),
          CleanupPolicy.DELETE,
          "Every decoded device report, in arrival order per device.");

  public static final TopicSpec DEVICE_LATEST =
      new TopicSpec(
          "device-latest",
          IMEI,
          DeviceReport.class,
          6,
          null,
          CleanupPolicy.COMPACT,
          "Newest report per device (by transmit time); query-api serves it.");

  public static final TopicSpec DEAD_LETTERS =
      new TopicSpec(
          "dead-letters",
          "original record key",
          DeadLetter.class,
          3,
          Duration.ofDays(30),
          CleanupPolicy.DELETE,
          "Records that could not be decoded or processed, with the reason and the original bytes.");

  private static final List<TopicSpec> ALL =
      List.of(DEVICE_REPORTS_RAW, TRACKER_REPORTS_RAW, DEVICE_REPORTS, DEVICE_LATEST, DEAD_LETTERS);

  private TopicCatalog() {}

  /** All topics, in data-flow order. */
  public static List<TopicSpec> all() {
    return ALL;
  }
}
