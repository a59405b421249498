package dev.signalyard.streams;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the streams service.
 *
 * @param applicationId Kafka Streams application id: the consumer group and the prefix of internal
 *     topics. Every instance of one deployment shares it.
 * @param stateDir Directory of the local state stores (RocksDB). Put it on a persistent volume in
 *     production so a restarted instance does not restore from the changelog.
 * @param standbyReplicas Standby replicas per state store (num.standby.replicas).
 * @param threads Stream threads per instance (num.stream.threads).
 * @param commitInterval How often a transaction commits (commit.interval.ms). Shorter means output
 *     visible sooner and more transactions per second.
 */
@ConfigurationProperties("signalyard.streams")
public record StreamsProperties(
    @DefaultValue("signalyard-streams") String applicationId,
    @DefaultValue("${java.io.tmpdir}/signalyard-streams") Path stateDir,
    @DefaultValue("0") int standbyReplicas,
    @DefaultValue("1") int threads,
    @DefaultValue("100ms") Duration commitInterval) {}
