package dev.signalyard.schemas.topics;

import dev.signalyard.schemas.broadcasts.Broadcast;
import dev.signalyard.schemas.broadcasts.BroadcastCount;
import dev.signalyard.schemas.broadcasts.SessionState;
import dev.signalyard.schemas.commands.DeviceCommand;
import dev.signalyard.schemas.commands.DeviceCommandStatus;
import dev.signalyard.schemas.common.DeadLetter;
import dev.signalyard.schemas.devices.DeviceEvent;
import dev.signalyard.schemas.devices.DeviceReport;
import dev.signalyard.schemas.devices.DeviceState;
import dev.signalyard.schemas.devices.RawDeviceReport;
import dev.signalyard.schemas.devices.TrackPoint;
import dev.signalyard.schemas.devices.TrackerReport;
import dev.signalyard.schemas.fleet.ExtractorCheckpoint;
import dev.signalyard.schemas.fleet.FleetDailyUsage;
import dev.signalyard.schemas.fleet.FleetLocation;
import dev.signalyard.schemas.fleet.FleetSettings;
import dev.signalyard.schemas.fleet.FleetVehicle;
import dev.signalyard.schemas.fleet.Roundtrip;
import dev.signalyard.schemas.fleet.SimulationCommand;
import dev.signalyard.schemas.fleet.SimulationProgress;
import dev.signalyard.schemas.fleet.SimulationResult;
import dev.signalyard.schemas.fleet.Trip;
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
          "Every decoded device report (RockBLOCK and generic trackers), sender retries removed, in arrival order per device.");

  public static final TopicSpec DEVICE_LATEST =
      new TopicSpec(
          "device-latest",
          IMEI,
          DeviceReport.class,
          6,
          null,
          CleanupPolicy.COMPACT,
          "Newest report per device (by transmit time), for consumers that want the whole report.");

  public static final TopicSpec DEVICE_STATE =
      new TopicSpec(
          "device-state",
          IMEI,
          DeviceState.class,
          6,
          null,
          CleanupPolicy.COMPACT,
          "Current state per device: newest position, health, message count, online; query-api serves it.");

  public static final TopicSpec DEVICE_TRACKS =
      new TopicSpec(
          "device-tracks",
          IMEI,
          TrackPoint.class,
          6,
          Duration.ofDays(30),
          CleanupPolicy.DELETE,
          "Track points per device, one per new fix time (late fixes included, in arrival order).");

  public static final TopicSpec DEVICE_EVENTS =
      new TopicSpec(
          "device-events",
          IMEI,
          DeviceEvent.class,
          6,
          Duration.ofDays(30),
          CleanupPolicy.DELETE,
          "Device online/offline and geofence enter/exit events.");

  public static final TopicSpec DEVICE_COMMANDS =
      new TopicSpec(
          "device-commands",
          IMEI,
          DeviceCommand.class,
          6,
          Duration.ofDays(7),
          CleanupPolicy.DELETE,
          "MT messages to send to RockBLOCK devices, as accepted by query-api; ingest's sender sends them.");

  public static final TopicSpec DEVICE_COMMAND_STATUS =
      new TopicSpec(
          "device-command-status",
          "command id (UUID)",
          DeviceCommandStatus.class,
          6,
          null,
          CleanupPolicy.COMPACT,
          "Newest status per device command (QUEUED, SENT with RockBLOCK's MT id, FAILED); query-api serves it.");

  public static final TopicSpec BROADCASTS =
      new TopicSpec(
          "broadcasts",
          "run-control session",
          Broadcast.class,
          6,
          Duration.ofDays(7),
          CleanupPolicy.DELETE,
          "Run-control broadcasts (drunc, ERS, POST /webhooks/broadcasts) as normalised by ingest; a replay of the upstream topics may repeat some.");

  public static final TopicSpec BROADCAST_FEED =
      new TopicSpec(
          "broadcast-feed",
          "run-control session",
          Broadcast.class,
          6,
          Duration.ofDays(7),
          CleanupPolicy.DELETE,
          "Run-control broadcasts with replayed duplicates removed (by upstream topic, partition and offset); query-api serves it.");

  public static final TopicSpec BROADCAST_COUNTS =
      new TopicSpec(
          "broadcast-counts",
          "session, severity, window start (epoch ms), joined by vertical bars",
          BroadcastCount.class,
          6,
          Duration.ofDays(7),
          CleanupPolicy.DELETE,
          "Broadcasts per session, severity and 1-minute window; each update replaces the window's previous count.");

  public static final TopicSpec BROADCAST_SESSIONS =
      new TopicSpec(
          "broadcast-sessions",
          "run-control session",
          SessionState.class,
          6,
          null,
          CleanupPolicy.COMPACT,
          "Per session: last activity, latest FSM state, processes with their status.");

  private static final String VEHICLE_ID = "vehicle id";
  private static final String RUN_ID = "run id (UUID)";

  /** Fleet data is kept as long as the reference's keep_data default (24 months). */
  private static final Duration FLEET_RETENTION = Duration.ofDays(731);

  public static final TopicSpec FLEET_LOCATIONS =
      new TopicSpec(
          "fleet-locations",
          "location id",
          FleetLocation.class,
          3,
          null,
          CleanupPolicy.COMPACT,
          "Locations with their extra parking spots, published from PostgreSQL by query-api's outbox relay.");

  public static final TopicSpec FLEET_VEHICLES =
      new TopicSpec(
          "fleet-vehicles",
          VEHICLE_ID,
          FleetVehicle.class,
          3,
          null,
          CleanupPolicy.COMPACT,
          "Fleet vehicles, published from PostgreSQL by query-api's outbox relay.");

  public static final TopicSpec FLEET_SETTINGS =
      new TopicSpec(
          "fleet-settings",
          "'simulation'",
          FleetSettings.class,
          1,
          null,
          CleanupPolicy.COMPACT,
          "Simulation settings, published from PostgreSQL by query-api's outbox relay.");

  public static final TopicSpec FLEET_TRIPS =
      new TopicSpec(
          "fleet-trips",
          VEHICLE_ID,
          Trip.class,
          6,
          FLEET_RETENTION,
          CleanupPolicy.DELETE,
          "Trips of fleet vehicles from the extractors and uploads.");

  public static final TopicSpec FLEET_EXTRACTOR_CHECKPOINTS =
      new TopicSpec(
          "fleet-extractor-checkpoints",
          "extractor and vehicle id, joined by a vertical bar",
          ExtractorCheckpoint.class,
          1,
          null,
          CleanupPolicy.COMPACT,
          "How far each extractor has fetched each vehicle's trips.");

  public static final TopicSpec FLEET_ROUNDTRIPS =
      new TopicSpec(
          "fleet-roundtrips",
          VEHICLE_ID,
          Roundtrip.class,
          6,
          FLEET_RETENTION,
          CleanupPolicy.DELETE,
          "Roundtrips aggregated from the trips, per vehicle, with their segments; retractions marked deleted.");

  public static final TopicSpec FLEET_DAILY_USAGE =
      new TopicSpec(
          "fleet-daily-usage",
          "vehicle id and day (yyyy-MM-dd), joined by a vertical bar",
          FleetDailyUsage.class,
          6,
          null,
          CleanupPolicy.COMPACT,
          "Km, roundtrips, driving time and emissions per vehicle and day; query-api's statistics read it.");

  public static final TopicSpec SIMULATION_REQUESTS =
      new TopicSpec(
          "simulation-requests",
          RUN_ID,
          SimulationCommand.class,
          3,
          null,
          CleanupPolicy.COMPACT,
          "Simulation and goal-seek runs to start or cancel, from query-api.");

  public static final TopicSpec SIMULATION_PROGRESS =
      new TopicSpec(
          "simulation-progress",
          RUN_ID,
          SimulationProgress.class,
          3,
          Duration.ofDays(7),
          CleanupPolicy.DELETE,
          "Progress of simulation and goal-seek runs (queue position, fraction, final status).");

  public static final TopicSpec SIMULATION_RESULTS =
      new TopicSpec(
          "simulation-results",
          RUN_ID,
          SimulationResult.class,
          3,
          null,
          CleanupPolicy.COMPACT,
          "Finished simulation and goal-seek runs with their results; kept, never expired.");

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
      List.of(
          DEVICE_REPORTS_RAW,
          TRACKER_REPORTS_RAW,
          DEVICE_REPORTS,
          DEVICE_LATEST,
          DEVICE_STATE,
          DEVICE_TRACKS,
          DEVICE_EVENTS,
          DEVICE_COMMANDS,
          DEVICE_COMMAND_STATUS,
          BROADCASTS,
          BROADCAST_FEED,
          BROADCAST_COUNTS,
          BROADCAST_SESSIONS,
          FLEET_LOCATIONS,
          FLEET_VEHICLES,
          FLEET_SETTINGS,
          FLEET_TRIPS,
          FLEET_EXTRACTOR_CHECKPOINTS,
          FLEET_ROUNDTRIPS,
          FLEET_DAILY_USAGE,
          SIMULATION_REQUESTS,
          SIMULATION_PROGRESS,
          SIMULATION_RESULTS,
          DEAD_LETTERS);

  private TopicCatalog() {}

  /** All topics, in data-flow order. */
  public static List<TopicSpec> all() {
    return ALL;
  }
}
