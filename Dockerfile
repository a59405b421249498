# syntax=docker/dockerfile:1.7
#
# Images of the three Signalyard services, one build target each:
#
#   docker build --target ingest    -t signalyard-ingest:0.1.0-SNAPSHOT .
#   docker build --target streams   -t signalyard-streams:0.1.0-SNAPSHOT .
#   docker build --target query-api -t signalyard-query-api:0.1.0-SNAPSHOT .
#
# (or `docker compose -f docker-compose.kafka.yml build`, which builds all three). All three share
# the build stage, so the second and third targets reuse the first one's Maven build.

ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre-noble

# ---------------------------------------------------------------------------------------------
# Build: the Maven wrapper (pinned Maven, fetched with the image's own mvn) packages the three
# executable jars; Boot's layer tools split each into layers that change at different rates.
FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY . .
# The cache mount keeps ~/.m2 between builds, so only changed dependencies are downloaded.
# Tests run in CI (./mvnw verify); the image build only packages.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp -pl ingest,streams,query-api -am package -DskipTests -Dspotless.check.skip=true
RUN set -eu; \
    for service in ingest streams query-api; do \
      java -Djarmode=tools -jar "$service"/target/signalyard-"$service"-*-exec.jar \
        extract --layers --launcher --destination /layers/"$service"; \
    done; \
    javac -d /healthcheck deploy/docker/HealthCheck.java

# ---------------------------------------------------------------------------------------------
# Runtime base: a JRE, an unprivileged user, the health probe. No build tools, no shell tools added.
FROM ${RUNTIME_IMAGE} AS runtime
# A fixed numeric id, so Kubernetes' runAsNonRoot can verify it and volumes can be chowned to it.
RUN groupadd --system --gid 10001 signalyard \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin signalyard \
 && mkdir -p /var/lib/signalyard/streams \
 && chown -R 10001:10001 /var/lib/signalyard
COPY --from=build /healthcheck /opt/signalyard/healthcheck
WORKDIR /opt/signalyard/app
# Heap from the container's memory limit; die on OOM so the orchestrator restarts a clean JVM.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
USER 10001:10001
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]

# ---------------------------------------------------------------------------------------------
# One target per service. Layers go from least to most often changed: third-party dependencies,
# the Boot loader, our own SNAPSHOT modules (schemas, platform), the service's classes. Each service
# has two ports: its API (SERVER_PORT) and actuator's management port (MANAGEMENT_SERVER_PORT, the
# API port + 1000), where HEALTHCHECK asks.
FROM runtime AS ingest
COPY --from=build /layers/ingest/dependencies/ ./
COPY --from=build /layers/ingest/spring-boot-loader/ ./
COPY --from=build /layers/ingest/snapshot-dependencies/ ./
COPY --from=build /layers/ingest/application/ ./
ENV SERVER_PORT=8081 \
    MANAGEMENT_SERVER_PORT=9081
EXPOSE 8081 9081
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["java", "-XX:+UseSerialGC", "-Xmx32m", "-cp", "/opt/signalyard/healthcheck", "HealthCheck"]

FROM runtime AS streams
COPY --from=build /layers/streams/dependencies/ ./
COPY --from=build /layers/streams/spring-boot-loader/ ./
COPY --from=build /layers/streams/snapshot-dependencies/ ./
COPY --from=build /layers/streams/application/ ./
ENV SERVER_PORT=8082 \
    MANAGEMENT_SERVER_PORT=9082 \
    SIGNALYARD_STREAMS_STATEDIR=/var/lib/signalyard/streams \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError"
# RocksDB state; mount a volume here so a restarted container does not restore from the changelog.
VOLUME ["/var/lib/signalyard/streams"]
EXPOSE 8082 9082
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
  CMD ["java", "-XX:+UseSerialGC", "-Xmx32m", "-cp", "/opt/signalyard/healthcheck", "HealthCheck"]

FROM runtime AS query-api
COPY --from=build /layers/query-api/dependencies/ ./
COPY --from=build /layers/query-api/spring-boot-loader/ ./
COPY --from=build /layers/query-api/snapshot-dependencies/ ./
COPY --from=build /layers/query-api/application/ ./
ENV SERVER_PORT=8080 \
    MANAGEMENT_SERVER_PORT=9080
EXPOSE 8080 9080
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["java", "-XX:+UseSerialGC", "-Xmx32m", "-cp", "/opt/signalyard/healthcheck", "HealthCheck"]
