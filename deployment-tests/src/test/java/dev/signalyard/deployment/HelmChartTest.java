package dev.signalyard.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Helm chart, linted and rendered offline for every environment it ships values for. */
class HelmChartTest {

  private static final String INGEST = "signalyard-ingest";
  private static final String QUERY_API = "signalyard-query-api";
  private static final String STREAMS = "signalyard-streams";

  private static final Map<Environment, RenderedChart> RENDERED = new ConcurrentHashMap<>();

  /** The values files side by side, each with the namespace its install command uses. */
  enum Environment {
    DEFAULT(null, "signalyard"),
    STAGING("values-staging.yaml", "signalyard-staging"),
    PRODUCTION("values-production.yaml", "signalyard-production");

    final String valuesFile;
    final String namespace;

    Environment(String valuesFile, String namespace) {
      this.valuesFile = valuesFile;
      this.namespace = namespace;
    }

    List<Path> valuesFiles() {
      return valuesFile == null ? List.of() : List.of(RepositoryFiles.chart().resolve(valuesFile));
    }

    /** Rendered once per run: the values files do not change while the tests read them. */
    RenderedChart render() {
      return RENDERED.computeIfAbsent(
          this, e -> RenderedChart.render(e.namespace, e.valuesFiles()));
    }
  }

  @ParameterizedTest
  @EnumSource(Environment.class)
  void lintsStrictly(Environment environment, @TempDir Path tmp) throws IOException {
    Path chart =
        environment.valuesFile == null
            ? RepositoryFiles.chart()
            : ChartValues.chartCopyWithValues(
                RepositoryFiles.chart(),
                RepositoryFiles.chart().resolve(environment.valuesFile),
                tmp.resolve("signalyard"));

    LintResult result = new Helm(chart).lint().strict().call();

    assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(Environment.class)
  void rendersOnlyKnownKindsAndFields(Environment environment) {
    RenderedChart chart = environment.render();

    assertThat(chart.names())
        .contains(
            "Deployment/" + INGEST,
            "Deployment/" + QUERY_API,
            "StatefulSet/" + STREAMS,
            "Service/" + STREAMS + "-headless",
            "PodDisruptionBudget/" + STREAMS,
            "ConfigMap/signalyard-config",
            "Pod/signalyard-helm-test-api-health");
  }

  @ParameterizedTest
  @EnumSource(Environment.class)
  void streamsKeepsStateOnAVolumePerPodAndIsNeverKilledWhileRebalancing(Environment environment) {
    RenderedChart chart = environment.render();
    StatefulSet streams = chart.get(StatefulSet.class, STREAMS);
    PodSpec pod = streams.getSpec().getTemplate().getSpec();
    Container container = single(pod.getContainers());

    PersistentVolumeClaim claim = single(streams.getSpec().getVolumeClaimTemplates());
    assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
    assertThat(claim.getSpec().getResources().getRequests().get("storage"))
        .isNotNull()
        .satisfies(size -> assertThat(Quantity.getAmountInBytes(size)).isPositive());
    VolumeMount stateMount =
        container.getVolumeMounts().stream()
            .filter(mount -> mount.getName().equals(claim.getMetadata().getName()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("state volume is not mounted"));
    assertThat(env(container, "SIGNALYARD_STREAMS_STATEDIR")).isEqualTo(stateMount.getMountPath());
    assertThat(stateMount.getReadOnly()).isNotEqualTo(Boolean.TRUE);

    // Static membership from the pod name, which a StatefulSet keeps stable across restarts.
    EnvVar podName = envVar(container, "POD_NAME");
    assertThat(podName.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
    assertThat(env(container, "SIGNALYARD_KAFKA_CLIENT_GROUP_INSTANCE_ID"))
        .isEqualTo("$(POD_NAME)");
    assertThat(env(container, "SIGNALYARD_STREAMS_STANDBYREPLICAS")).matches("\\d+");
    assertThat(env(container, "SIGNALYARD_STREAMS_APPLICATIONID")).isNotBlank();

    assertThat(streams.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
    assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThanOrEqualTo(120L);
    Service headless = chart.get(Service.class, streams.getSpec().getServiceName());
    assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(headless.getSpec().getSelector())
        .isEqualTo(streams.getSpec().getSelector().getMatchLabels());

    assertThat(container.getLivenessProbe().getHttpGet().getPath())
        .isEqualTo("/actuator/health/liveness");
    assertThat(container.getStartupProbe().getHttpGet().getPath())
        .isEqualTo("/actuator/health/liveness");
    assertThat(container.getReadinessProbe().getHttpGet().getPath())
        .isEqualTo("/actuator/health/readiness");
    assertProbesAskTheManagementPort(container, 9082);
    assertThat(env(container, "MANAGEMENT_ENDPOINT_HEALTH_GROUP_READINESS_INCLUDE"))
        .isEqualTo("readinessState,kafkaStreams");
    // Liveness must stay the plain liveness state: nothing may add Kafka Streams to it.
    assertThat(container.getEnv())
        .extracting(EnvVar::getName)
        .noneMatch(name -> name.contains("HEALTH_GROUP_LIVENESS"));

    PodDisruptionBudget pdb = chart.get(PodDisruptionBudget.class, STREAMS);
    assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    assertThat(pdb.getSpec().getSelector().getMatchLabels())
        .isEqualTo(streams.getSpec().getSelector().getMatchLabels());
  }

  @ParameterizedTest
  @EnumSource(Environment.class)
  void everyWorkloadRunsNonRootWithResourcesAndHealthProbes(Environment environment) {
    RenderedChart chart = environment.render();
    Map<String, PodSpec> pods = podSpecs(chart);
    assertThat(pods).hasSize(4);

    pods.forEach(
        (name, pod) -> {
          assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
          assertThat(pod.getSecurityContext().getRunAsUser()).as(name).isPositive();
          assertThat(pod.getSecurityContext().getSeccompProfile().getType())
              .as(name)
              .isEqualTo("RuntimeDefault");
          assertThat(pod.getAutomountServiceAccountToken()).as(name).isFalse();
          for (Container container : pod.getContainers()) {
            var security = container.getSecurityContext();
            assertThat(security.getRunAsNonRoot()).as(name).isTrue();
            assertThat(security.getAllowPrivilegeEscalation()).as(name).isFalse();
            assertThat(security.getReadOnlyRootFilesystem()).as(name).isTrue();
            assertThat(security.getCapabilities().getDrop()).as(name).containsExactly("ALL");
            assertThat(container.getResources().getRequests())
                .as(name + " requests")
                .containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits())
                .as(name + " limits")
                .containsKey("memory");
            // A read-only root needs a writable /tmp for the JVM and Netty.
            assertThat(container.getVolumeMounts())
                .as(name)
                .extracting(VolumeMount::getMountPath)
                .contains("/tmp");
          }
        });

    Map<String, Integer> managementPorts = Map.of(INGEST, 9081, QUERY_API, 9080);
    for (String service : List.of(INGEST, QUERY_API)) {
      Container container =
          single(
              chart
                  .get(Deployment.class, service)
                  .getSpec()
                  .getTemplate()
                  .getSpec()
                  .getContainers());
      assertThat(container.getLivenessProbe().getHttpGet().getPath())
          .isEqualTo("/actuator/health/liveness");
      assertThat(container.getReadinessProbe().getHttpGet().getPath())
          .isEqualTo("/actuator/health/readiness");
      assertProbesAskTheManagementPort(container, managementPorts.get(service));
      assertThat(container.getLifecycle().getPreStop().getSleep().getSeconds()).isPositive();
    }
  }

  @ParameterizedTest
  @EnumSource(Environment.class)
  void referencesResolveInsideTheRelease(Environment environment) {
    RenderedChart chart = environment.render();
    Map<String, PodTemplateSpec> templates = podTemplates(chart);

    // Every Service selects the pods of some workload.
    for (Service service : chart.all(Service.class)) {
      assertThat(templates.values())
          .as("pods of Service %s", service.getMetadata().getName())
          .anyMatch(t -> matches(service.getSpec().getSelector(), t.getMetadata().getLabels()));
    }
    // Every ConfigMap and Secret a pod reads is rendered (or is the declared existing Secret).
    for (var entry : podSpecs(chart).entrySet()) {
      for (Volume volume : entry.getValue().getVolumes()) {
        if (volume.getSecret() != null
            && chart.find(Secret.class, volume.getSecret().getSecretName()).isEmpty()) {
          assertThat(volume.getSecret().getSecretName())
              .as("Secret of %s", entry.getKey())
              .endsWith("-secrets");
          assertThat(environment).isNotEqualTo(Environment.DEFAULT);
        }
      }
      for (Container container : entry.getValue().getContainers()) {
        if (container.getEnvFrom() == null) {
          continue;
        }
        container
            .getEnvFrom()
            .forEach(source -> chart.get(ConfigMap.class, source.getConfigMapRef().getName()));
      }
      assertThat(
              entry.getValue().getServiceAccountName() == null
                  || entry.getValue().getServiceAccountName().equals("default")
                  || chart
                      .find(ServiceAccount.class, entry.getValue().getServiceAccountName())
                      .isPresent())
          .as("service account of %s", entry.getKey())
          .isTrue();
    }
    // Every PDB, HPA and NetworkPolicy points at a workload of the release.
    for (PodDisruptionBudget pdb : chart.all(PodDisruptionBudget.class)) {
      assertThat(templates.values())
          .anyMatch(
              t ->
                  matches(
                      pdb.getSpec().getSelector().getMatchLabels(), t.getMetadata().getLabels()));
    }
    for (HorizontalPodAutoscaler hpa : chart.all(HorizontalPodAutoscaler.class)) {
      Deployment target = chart.get(Deployment.class, hpa.getSpec().getScaleTargetRef().getName());
      assertThat(target.getSpec().getReplicas())
          .as("an autoscaled Deployment leaves replicas to the HPA")
          .isNull();
      assertThat(hpa.getSpec().getMinReplicas())
          .isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
    }
  }

  @ParameterizedTest
  @EnumSource(Environment.class)
  void networkPoliciesCoverEveryWorkloadAndOpenOnlyTheApiAndManagementPorts(
      Environment environment) {
    RenderedChart chart = environment.render();
    List<NetworkPolicy> policies = chart.all(NetworkPolicy.class);

    podTemplates(chart)
        .forEach(
            (name, template) ->
                assertThat(policies)
                    .as("a NetworkPolicy selects %s", name)
                    .anyMatch(
                        p ->
                            p.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress"))
                                && matches(
                                    p.getSpec().getPodSelector().getMatchLabels(),
                                    template.getMetadata().getLabels())));
    for (NetworkPolicy policy : policies) {
      policy
          .getSpec()
          .getIngress()
          .forEach(
              rule -> {
                String name = policy.getMetadata().getName();
                assertThat(rule.getFrom()).as(name).isNotEmpty();
                // The ingress controller reaches the API port; monitoring and the helm test pod
                // reach the management port (metrics, readiness), never the API.
                boolean fromIngressController =
                    rule.getFrom().stream()
                        .anyMatch(
                            peer ->
                                peer.getNamespaceSelector() != null
                                    && peer.getNamespaceSelector()
                                        .getMatchLabels()
                                        .containsValue("ingress-nginx"));
                assertThat(rule.getPorts())
                    .as(name)
                    .extracting(port -> port.getPort().getStrVal())
                    .containsOnly(fromIngressController ? "http" : "management");
              });
    }
    // streams has no public path: only monitoring may reach it, on the management port.
    NetworkPolicy streams = chart.get(NetworkPolicy.class, STREAMS);
    assertThat(single(streams.getSpec().getIngress()).getPorts())
        .extracting(port -> port.getPort().getStrVal())
        .containsExactly("management");
    StatefulSet workload = chart.get(StatefulSet.class, STREAMS);
    assertThat(single(workload.getSpec().getTemplate().getSpec().getContainers()).getPorts())
        .extracting(ContainerPort::getName)
        .contains("management");
  }

  @ParameterizedTest
  @EnumSource(
      value = Environment.class,
      names = {"STAGING", "PRODUCTION"})
  void ingressServesTheApiAndWebhooksOverTlsAndNeverTheActuator(Environment environment) {
    RenderedChart chart = environment.render();
    Ingress ingress = single(chart.all(Ingress.class));

    String host = single(ingress.getSpec().getRules()).getHost();
    assertThat(single(ingress.getSpec().getTls()).getHosts()).containsExactly(host);
    List<HTTPIngressPath> paths = single(ingress.getSpec().getRules()).getHttp().getPaths();
    Map<String, String> backends = new LinkedHashMap<>();
    paths.forEach(p -> backends.put(p.getPath(), p.getBackend().getService().getName()));
    assertThat(backends)
        .containsExactly(Map.entry("/api", QUERY_API), Map.entry("/webhooks", INGEST));
    for (HTTPIngressPath path : paths) {
      Service service = chart.get(Service.class, path.getBackend().getService().getName());
      assertThat(path.getBackend().getService().getPort().getName()).isEqualTo("http");
      assertThat(service.getSpec().getPorts())
          .extracting(p -> p.getName())
          .contains("http", "management");
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Environment.class,
      names = {"DEFAULT", "PRODUCTION"})
  void statelessServicesHaveAutoscalingAndADisruptionBudget(Environment environment) {
    RenderedChart chart = environment.render();
    for (String service : List.of(INGEST, QUERY_API)) {
      chart.get(HorizontalPodAutoscaler.class, service);
      PodDisruptionBudget pdb = chart.get(PodDisruptionBudget.class, service);
      HorizontalPodAutoscaler hpa = chart.get(HorizontalPodAutoscaler.class, service);
      assertThat(pdb.getSpec().getMinAvailable().getIntVal())
          .as("%s keeps serving during a drain", service)
          .isPositive()
          .isLessThan(hpa.getSpec().getMinReplicas());
      Deployment deployment = chart.get(Deployment.class, service);
      assertThat(
              deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal())
          .isZero();
    }
  }

  @Test
  void kafkaDurabilityDefaultsAreReplicationFactorThreeAndMinIsrTwo() {
    ConfigMap config = Environment.DEFAULT.render().get(ConfigMap.class, "signalyard-config");

    assertThat(config.getData())
        .containsEntry("SIGNALYARD_KAFKA_REPLICATIONFACTOR", "3")
        .containsEntry("SIGNALYARD_KAFKA_MININSYNCREPLICAS", "2")
        .containsEntry("SIGNALYARD_KAFKA_CREATETOPICS", "true")
        .containsEntry("SPRING_PROFILES_ACTIVE", "production")
        .containsEntry("SPRING_CONFIG_IMPORT", "optional:configtree:/etc/signalyard/secrets/");
  }

  @Test
  void kafkaClientSettingsBecomeClientMapVariables() {
    ConfigMap config = Environment.STAGING.render().get(ConfigMap.class, "signalyard-config");

    assertThat(config.getData())
        .containsEntry("SIGNALYARD_KAFKA_CLIENT_SECURITY_PROTOCOL", "SSL")
        .containsEntry("SIGNALYARD_KAFKA_CLIENT_SSL_TRUSTSTORE_TYPE", "PEM");
  }

  @Test
  void strimziTopicsMatchTheTopicCatalogAndTurnOffTopicCreation() throws IOException {
    RenderedChart chart = Environment.PRODUCTION.render();

    List<KafkaTopic> topics = chart.all(KafkaTopic.class);
    Map<String, CatalogTopic> catalog = catalogTopics();
    assertThat(topics)
        .as(
            "strimziTopics.topics in helm/signalyard/values.yaml must list exactly the topics of"
                + " docs/topics.md (the topic catalog)")
        .extracting(t -> t.getSpec().getTopicName())
        .containsExactlyInAnyOrderElementsOf(catalog.keySet());
    for (KafkaTopic topic : topics) {
      CatalogTopic expected = catalog.get(topic.getSpec().getTopicName());
      String name = topic.getSpec().getTopicName();
      assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "kafka-prod");
      assertThat(topic.getMetadata().getAnnotations())
          .containsEntry("helm.sh/resource-policy", "keep");
      assertThat(topic.getSpec().getPartitions()).as(name).isEqualTo(expected.partitions());
      assertThat(topic.getSpec().getReplicas()).isEqualTo(3);
      assertThat(topic.getSpec().getConfig())
          .as(name)
          .containsEntry("cleanup.policy", expected.cleanupPolicy())
          .containsEntry("retention.ms", Long.toString(expected.retentionMs()))
          .containsEntry("min.insync.replicas", "2");
    }
    assertThat(chart.get(ConfigMap.class, "signalyard-config").getData())
        .containsEntry("SIGNALYARD_KAFKA_CREATETOPICS", "false");
    assertThat(Environment.DEFAULT.render().all(KafkaTopic.class)).isEmpty();
  }

  @Test
  void anExistingSecretIsMountedAndNoSecretIsRendered() {
    RenderedChart chart =
        RenderedChart.render(
            "signalyard", List.of(), c -> c.set("secrets.existingSecret", "ops-managed"));

    assertThat(chart.all(Secret.class)).isEmpty();
    podSpecs(chart)
        .forEach(
            (name, pod) -> {
              if (name.startsWith("Pod/")) {
                return;
              }
              assertThat(pod.getVolumes())
                  .as(name)
                  .filteredOn(v -> v.getSecret() != null)
                  .extracting(v -> v.getSecret().getSecretName())
                  .containsExactly("ops-managed");
            });
    assertThat(
            chart
                .get(Deployment.class, INGEST)
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations())
        .containsKey("checksum/config")
        .doesNotContainKey("checksum/secret");
  }

  @Test
  void secretValuesAreRenderedAsFilesNotEnvironment() {
    RenderedChart chart =
        RenderedChart.render(
            "signalyard",
            List.of(),
            c -> c.set("secrets.values.signalyard\\.fleet\\.database\\.password", "s3cret"));

    Secret secret = chart.get(Secret.class, "signalyard-secrets");
    assertThat(secret.getStringData())
        .containsEntry("signalyard.fleet.database.password", "s3cret");
    assertThat(
            chart
                .get(Deployment.class, QUERY_API)
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations())
        .containsKey("checksum/secret");
    podSpecs(chart)
        .values()
        .forEach(
            pod ->
                pod.getContainers()
                    .forEach(
                        c ->
                            assertThat(Optional.ofNullable(c.getEnv()).orElse(List.of()))
                                .extracting(EnvVar::getValue)
                                .filteredOn(Objects::nonNull)
                                .noneMatch(v -> v.contains("s3cret"))));
  }

  @Test
  void theHelmTestHookChecksTheApiHealthThroughItsService() {
    RenderedChart chart = Environment.DEFAULT.render();

    Pod test = chart.get(Pod.class, "signalyard-helm-test-api-health");
    assertThat(test.getMetadata().getAnnotations())
        .containsEntry(RenderedChart.HOOK_ANNOTATION_PREFIX + "hook", "test");
    assertThat(test.getSpec().getRestartPolicy()).isEqualTo("Never");
    assertThat(single(test.getSpec().getContainers()).getCommand())
        .contains("http://" + QUERY_API + ":9080/actuator/health/readiness");
    // 9080 is the Service's management port, which leads to the pods' management port.
    assertThat(chart.get(Service.class, QUERY_API).getSpec().getPorts())
        .anySatisfy(
            port -> {
              assertThat(port.getName()).isEqualTo("management");
              assertThat(port.getPort()).isEqualTo(9080);
              assertThat(port.getTargetPort().getStrVal()).isEqualTo("management");
            });
  }

  @Test
  void theManagementPortMustDifferFromTheApiPort() {
    assertThatThrownBy(
            () ->
                RenderedChart.render(
                    "signalyard", List.of(), c -> c.set("queryApi.managementPort", 8080)))
        .hasMessageContaining("managementPort");
  }

  @Test
  void theSchemaRejectsUnknownKeysAndMissingStateVolumeSize() {
    assertThatThrownBy(
            () -> RenderedChart.render("signalyard", List.of(), c -> c.set("ingest.replicas", 3)))
        .hasMessageContaining("replicas");
    assertThatThrownBy(
            () ->
                RenderedChart.render(
                    "signalyard", List.of(), c -> c.set("streams.persistence.size", "")))
        .hasMessageContaining("size");
    assertThatThrownBy(
            () ->
                RenderedChart.render(
                    "signalyard", List.of(), c -> c.set("podSecurityContext.runAsNonRoot", false)))
        .hasMessageContaining("runAsNonRoot");
  }

  private record CatalogTopic(int partitions, long retentionMs, String cleanupPolicy) {}

  /** The topic table of docs/topics.md, which is generated from the topic catalog. */
  private static Map<String, CatalogTopic> catalogTopics() throws IOException {
    Pattern row =
        Pattern.compile(
            "^\\| `([^`]+)` \\|[^|]*\\|[^|]*\\| (\\d+) \\| ([^|]+?) \\| (delete|compact)[^|]* \\|");
    Map<String, CatalogTopic> topics = new LinkedHashMap<>();
    for (String line : Files.readAllLines(RepositoryFiles.file("docs/topics.md"))) {
      Matcher m = row.matcher(line);
      if (m.find()) {
        topics.put(
            m.group(1),
            new CatalogTopic(Integer.parseInt(m.group(2)), retentionMs(m.group(3)), m.group(4)));
      }
    }
    assertThat(topics).as("topics parsed from docs/topics.md").isNotEmpty();
    return topics;
  }

  private static long retentionMs(String retention) {
    if (retention.equals("forever")) {
      return -1;
    }
    Matcher days = Pattern.compile("(\\d+) days?").matcher(retention);
    if (!days.matches()) {
      throw new AssertionError("Unknown retention in docs/topics.md: " + retention);
    }
    return Long.parseLong(days.group(1)) * 24 * 60 * 60 * 1000;
  }

  private static Map<String, PodTemplateSpec> podTemplates(RenderedChart chart) {
    Map<String, PodTemplateSpec> templates = new LinkedHashMap<>();
    chart
        .all(Deployment.class)
        .forEach(
            d ->
                templates.put(
                    "Deployment/" + d.getMetadata().getName(), d.getSpec().getTemplate()));
    chart
        .all(StatefulSet.class)
        .forEach(
            s ->
                templates.put(
                    "StatefulSet/" + s.getMetadata().getName(), s.getSpec().getTemplate()));
    return templates;
  }

  private static Map<String, PodSpec> podSpecs(RenderedChart chart) {
    Map<String, PodSpec> specs = new LinkedHashMap<>();
    podTemplates(chart).forEach((name, template) -> specs.put(name, template.getSpec()));
    chart.all(Pod.class).forEach(p -> specs.put("Pod/" + p.getMetadata().getName(), p.getSpec()));
    return specs;
  }

  private static boolean matches(Map<String, String> selector, Map<String, String> labels) {
    return selector != null
        && !selector.isEmpty()
        && labels.entrySet().containsAll(selector.entrySet());
  }

  /**
   * The probes use the named management port, which is the container port {@code port} and the
   * service's MANAGEMENT_SERVER_PORT, not the API port.
   */
  private static void assertProbesAskTheManagementPort(Container container, int port) {
    for (var probe :
        List.of(
            container.getStartupProbe(),
            container.getLivenessProbe(),
            container.getReadinessProbe())) {
      assertThat(probe.getHttpGet().getPort().getStrVal())
          .as(container.getName())
          .isEqualTo("management");
    }
    assertThat(container.getPorts())
        .as(container.getName())
        .anySatisfy(
            p -> {
              assertThat(p.getName()).isEqualTo("management");
              assertThat(p.getContainerPort()).isEqualTo(port);
            });
    assertThat(env(container, "MANAGEMENT_SERVER_PORT")).isEqualTo(Integer.toString(port));
    assertThat(env(container, "SERVER_PORT")).isNotEqualTo(Integer.toString(port));
  }

  private static String env(Container container, String name) {
    return envVar(container, name).getValue();
  }

  private static EnvVar envVar(Container container, String name) {
    return container.getEnv().stream()
        .filter(e -> e.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(container.getName() + " has no " + name));
  }

  private static <T> T single(List<T> items) {
    assertThat(items).hasSize(1);
    return items.get(0);
  }
}
