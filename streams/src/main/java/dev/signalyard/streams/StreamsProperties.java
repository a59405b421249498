package dev.signalyard.streams;

import dev.signalyard.streams.devices.Geofence;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the streams service.
 *
 * <p>Thread-safety: immutable.
 *
 * @param applicationId Kafka Streams application id: the consumer group and the prefix of internal
 *     topics. Every instance of one deployment shares it.
 * @param stateDir Directory of the local state stores (RocksDB). Put it on a persistent volume in
 *     production so a restarted instance does not restore from the changelog.
 * @param standbyReplicas Standby replicas per state store (num.standby.replicas).
 * @param threads Stream threads per instance (num.stream.threads).
 * @param commitInterval How often a transaction commits (commit.interval.ms). Shorter means output
 *     visible sooner and more transactions per second.
 * @param retryWindow How long a device report is remembered to recognise a sender's retry of it, by
 *     (imei, momsn, transmit time) or, for trackers, (device id, fix time). Measured on report
 *     times; a retry later than this passes as a new report.
 * @param trackRetention How long track points are kept in the track store (device-tracks keeps 30
 *     days whatever this says).
 * @param offlineAfter Silence after which a device counts as offline (no report transmitted for
 *     this long, by wall-clock time).
 * @param statusCheckInterval How often the wall-clock check for silent devices runs; a device goes
 *     offline at most this long after {@code offlineAfter}.
 * @param geofences Named circles for geofence enter/exit events, each with {@code name}, {@code
 *     latitude}, {@code longitude} (decimal degrees) and {@code radius-meters}, e.g. {@code
 *     signalyard.streams.geofences[0].name=harbour}. Only GPS positions are tested.
 * @param broadcasts The run-control broadcast topology.
 * @param closeTimeout How long a stopping instance waits for Kafka Streams to close cleanly (flush
 *     stores, write checkpoints, commit). Keep the pod's termination grace period above it.
 */
@ConfigurationProperties("signalyard.streams")
public record StreamsProperties(
    @DefaultValue("signalyard-streams") String applicationId,
    @DefaultValue("${java.io.tmpdir}/signalyard-streams") Path stateDir,
    @DefaultValue("0") int standbyReplicas,
    @DefaultValue("1") int threads,
    @DefaultValue("100ms") Duration commitInterval,
    @DefaultValue("7d") Duration retryWindow,
    @DefaultValue("30d") Duration trackRetention,
    @DefaultValue("1h") Duration offlineAfter,
    @DefaultValue("30s") Duration statusCheckInterval,
    @DefaultValue List<Geofence> geofences,
    @DefaultValue Broadcasts broadcasts,
    @DefaultValue("120s") Duration closeTimeout) {

  /**
   * Settings of the run-control broadcast topology.
   *
   * @param dedupeWindow How long a broadcast id (upstream topic-partition-offset) is remembered to
   *     drop a copy the bridge made again after a failed produce or a restart; measured on message
   *     times. Upstream replays older than this pass as new.
   * @param countLateness How late, in message time behind the newest broadcast, a broadcast may
   *     arrive and still be counted in its 1-minute window.
   */
  public record Broadcasts(
      @DefaultValue("7d") Duration dedupeWindow, @DefaultValue("1h") Duration countLateness) {}
}
