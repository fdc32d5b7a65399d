package dev.tribune.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;
import org.yaml.snakeyaml.Yaml;

/**
 * What ops/k8s and ops/compose promise, read from the files with fabric8's typed Kubernetes model: every manifest is
 * applied by a kustomization, the probes ask the service's real health groups on its management port, ports and
 * selectors line up, pods drain before they are killed and run as the image's non-root user, and every variable that
 * sets Tribune's configuration names a real key.
 */
class DeploymentManifestsTest {

    static final Path K8S = Path.of("ops/k8s");
    static final Path COMPOSE = Path.of("ops/compose");
    static final Path DOCKERFILE = Path.of("Dockerfile");
    static final Path APPLICATION_PROPERTIES = Path.of("src/main/resources/application.properties");
    static final Set<String> SETTING_PREFIXES = Set.of("TRIBUNE_", "SPRING_", "MANAGEMENT_", "SERVER_");
    static final String SERVICE = "tribune";

    static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

    record Manifest(Path file, HasMetadata resource) {
    }

    @Test
    void everyManifestIsAppliedByTheKustomizationOfItsFolder() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path file : yamlFiles(K8S)) {
            String name = file.getFileName().toString();
            if (name.equals("kustomization.yaml") || name.endsWith(".example.yaml")) {
                continue;
            }
            Path kustomization = file.resolveSibling("kustomization.yaml");
            if (!Files.exists(kustomization) || !resourcesOf(kustomization).contains(name)) {
                problems.add(file + " is not listed in " + kustomization);
            }
        }
        for (Path kustomization : yamlFiles(K8S).stream().filter(f -> f.endsWith("kustomization.yaml")).toList()) {
            for (String resource : resourcesOf(kustomization)) {
                if (!Files.exists(kustomization.resolveSibling(resource))) {
                    problems.add(kustomization + " lists " + resource + ", which does not exist");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyManifestReadsAsItsTypedKubernetesModel() {
        Map<Class<?>, Long> kinds = manifests().stream()
                .collect(Collectors.groupingBy(m -> m.resource().getClass(), Collectors.counting()));
        assertThat(kinds).containsKeys(Namespace.class, ConfigMap.class, Deployment.class, Service.class, Ingress.class,
                PodDisruptionBudget.class, HorizontalPodAutoscaler.class);
        assertThat(all(Deployment.class)).extracting(d -> d.getMetadata().getName()).contains(SERVICE, "janus", "coturn");
        // custom resources have no typed model here: the operator's own kinds, read generically
        assertThat(all(GenericKubernetesResource.class))
                .extracting(r -> r.getApiVersion() + " " + r.getKind())
                .containsExactlyInAnyOrder("postgresql.cnpg.io/v1 Cluster", "monitoring.coreos.com/v1 ServiceMonitor");
    }

    @Test
    void probesAskTheServicesHealthGroupsOnTheManagementPort() {
        Container container = serviceContainer();
        int managementPort = Integer.parseInt(env(container, "MANAGEMENT_SERVER_PORT"));
        int publicPort = Integer.parseInt(env(container, "SERVER_PORT"));
        assertThat(managementPort).isNotEqualTo(publicPort);

        Set<String> groups = new TreeSet<>();
        Matcher group = Pattern.compile("^management\\.endpoint\\.health\\.group\\.([a-z-]+)\\.", Pattern.MULTILINE)
                .matcher(read(APPLICATION_PROPERTIES));
        while (group.find()) {
            groups.add("/actuator/health/" + group.group(1));
        }
        assertThat(groups).contains("/actuator/health/readiness", "/actuator/health/liveness");

        for (Probe probe : List.of(container.getStartupProbe(), container.getReadinessProbe(), container.getLivenessProbe())) {
            HTTPGetAction get = probe.getHttpGet();
            assertThat(groups).contains(get.getPath());
            assertThat(containerPort(container, get.getPort())).isEqualTo(managementPort);
        }
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");

        Map<String, String> annotations = serviceDeployment().getSpec().getTemplate().getMetadata().getAnnotations();
        assertThat(annotations).containsEntry("prometheus.io/path", "/actuator/prometheus")
                .containsEntry("prometheus.io/port", String.valueOf(managementPort));
        assertThat(dockerfileEnv("MANAGEMENT_SERVER_PORT")).isEqualTo(String.valueOf(managementPort));
        assertThat(dockerfileEnv("SERVER_PORT")).isEqualTo(String.valueOf(publicPort));
    }

    @Test
    void servicesSelectTheirPodsAndTargetPortsTheContainersOpen() {
        for (Service service : all(Service.class)) {
            Deployment deployment = all(Deployment.class).stream()
                    .filter(d -> selects(service.getSpec().getSelector(), d))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("Service " + name(service) + " selects no Deployment's pods"));
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
            for (ServicePort port : service.getSpec().getPorts()) {
                assertThat(containerPort(container, port.getTargetPort()))
                        .as("Service %s port %s", name(service), port.getName()).isPositive();
            }
        }
    }

    @Test
    void theIngressRoutesOnlyToThePublicPort() {
        Container container = serviceContainer();
        int publicPort = Integer.parseInt(env(container, "SERVER_PORT"));
        Ingress ingress = only(Ingress.class);
        List<IngressBackend> backends = ingress.getSpec().getRules().stream()
                .flatMap(rule -> rule.getHttp().getPaths().stream())
                .map(path -> {
                    assertThat(path.getPath()).isEqualTo("/");
                    return path.getBackend();
                })
                .toList();
        assertThat(backends).isNotEmpty();
        for (IngressBackend backend : backends) {
            Service service = named(Service.class, backend.getService().getName());
            ServicePort port = service.getSpec().getPorts().stream()
                    .filter(p -> Objects.equals(p.getName(), backend.getService().getPort().getName())
                            || Objects.equals(p.getPort(), backend.getService().getPort().getNumber()))
                    .findFirst().orElseThrow(() -> new AssertionError("the Ingress names a port its Service lacks"));
            assertThat(containerPort(container, port.getTargetPort())).isEqualTo(publicPort);
        }
        assertThat(ingress.getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-send-timeout", "3600");
    }

    @Test
    void theDisruptionBudgetAndAutoscalerWorkOnTheServicesPods() {
        Deployment deployment = serviceDeployment();
        PodDisruptionBudget budget = only(PodDisruptionBudget.class);
        assertThat(selects(budget.getSpec().getSelector(), deployment)).as("the PodDisruptionBudget selects the pods").isTrue();
        assertThat(budget.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));

        HorizontalPodAutoscaler autoscaler = only(HorizontalPodAutoscaler.class);
        assertThat(autoscaler.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(autoscaler.getSpec().getScaleTargetRef().getName()).isEqualTo(SERVICE);
        assertThat(autoscaler.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(autoscaler.getSpec().getMetrics()).extracting(m -> m.getResource().getName()).containsExactly("cpu");
        assertThat(deployment.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(serviceContainer().getResources().getRequests()).containsKeys("cpu", "memory");
    }

    @Test
    void aStoppingPodDrainsItsSocketsBeforeItIsKilled() {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(APPLICATION_PROPERTIES)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(properties.getProperty("server.shutdown")).isEqualTo("graceful");
        Duration shutdownPhase = DurationStyle.detectAndParse(properties.getProperty("spring.lifecycle.timeout-per-shutdown-phase"));

        List<String> preStop = serviceContainer().getLifecycle().getPreStop().getExec().getCommand();
        assertThat(preStop).hasSize(2).first().isEqualTo("sleep");
        Duration sleep = Duration.ofSeconds(Long.parseLong(preStop.get(1)));
        Duration grace = Duration.ofSeconds(serviceDeployment().getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds());
        assertThat(grace).isGreaterThan(sleep.plus(shutdownPhase));
    }

    @Test
    void podsRunAsTheImagesNonRootUserOnAReadOnlyRoot() {
        Matcher user = Pattern.compile("^USER (\\d+)", Pattern.MULTILINE).matcher(read(DOCKERFILE));
        long uid = -1;
        while (user.find()) {
            uid = Long.parseLong(user.group(1));
        }
        assertThat(uid).as("the Dockerfile's numeric USER").isPositive();

        var pod = serviceDeployment().getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(uid);
        Container container = serviceContainer();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        String tmpVolume = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp"))
                .findFirst().orElseThrow(() -> new AssertionError("no writable /tmp")).getName();
        assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals(tmpVolume)).extracting(Volume::getEmptyDir).doesNotContainNull();
    }

    @Test
    void everyVariableThatConfiguresTheServiceNamesARealSetting() {
        SettingNames settings = SettingNames.fromClasspath();
        assertThat(settings.size()).isGreaterThan(1000);
        assertThat(settings.contains("tribune.auth.jwt-secret")).as("Tribune's own metadata is on the class path").isTrue();

        Set<String> variables = new TreeSet<>();
        variables.addAll(kubernetesVariables());
        variables.addAll(composeVariables());
        assertThat(variables).contains("TRIBUNE_AUTH_JWT_SECRET", "SPRING_DATASOURCE_URL", "MANAGEMENT_SERVER_PORT",
                "TRIBUNE_RTC_ICE_TURN_SECRET");
        assertThat(settings.unbound(variables)).isEmpty();
    }

    @Test
    void aMisspeltVariableIsCaughtWhileSpringsOtherSpellingsPass() {
        SettingNames settings = SettingNames.fromClasspath();
        assertThat(settings.unbound(List.of("TRIBUNE_AUTH_JWT_SECRET", "TRIBUNE_AUTH_JWTSECRET", "TRIBUNE_AUTH_JWT_SECRT",
                "MANAGEMENT_SERVER_PORT", "MANAGEMENT_SERVERPORT_X", "SPRING_DATASOURCE_HIKARI_DATA_SOURCE_PROPERTIES_SSLMODE")))
                .containsExactly("MANAGEMENT_SERVERPORT_X", "TRIBUNE_AUTH_JWT_SECRT");
    }

    @Test
    void janusAndCoturnConfigMapsHoldTheirSourceFilesExactly() {
        assertThat(named(ConfigMap.class, "janus-config").getData()).as("run ops/k8s/sync-configmaps.sh").isEqualTo(Map.of(
                "janus.jcfg", read(Path.of("ops/janus/janus.jcfg")),
                "janus.plugin.videoroom.jcfg", read(Path.of("ops/janus/janus.plugin.videoroom.jcfg")),
                "janus.transport.http.jcfg", read(Path.of("ops/janus/janus.transport.http.jcfg")),
                "run-janus.sh", read(Path.of("ops/janus/run-janus.sh"))));
        assertThat(named(ConfigMap.class, "coturn-config").getData()).as("run ops/k8s/sync-configmaps.sh")
                .isEqualTo(Map.of("turnserver.conf", read(Path.of("ops/coturn/turnserver.conf"))));
    }

    @Test
    void theSecretExampleHoldsOnlyPlaceholders() {
        Secret example = KUBERNETES.unmarshal(read(K8S.resolve("secret.example.yaml")));
        assertThat(example.getStringData()).isNotEmpty().allSatisfy((key, value) -> assertThat(value).startsWith("change-me"));
        assertThat(example.getData()).isNullOrEmpty();
        // each key the pods read from tribune-secrets is in the example
        Set<String> read = new TreeSet<>();
        for (Deployment deployment : all(Deployment.class)) {
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                container.getEnv().stream()
                        .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                        .filter(e -> e.getValueFrom().getSecretKeyRef().getName().equals(name(example)))
                        .forEach(e -> read.add(e.getValueFrom().getSecretKeyRef().getKey()));
            }
        }
        assertThat(example.getStringData().keySet()).containsExactlyInAnyOrderElementsOf(read);
    }

    // --- reading the files

    static List<Manifest> manifests() {
        return yamlFiles(K8S).stream()
                .filter(file -> !file.endsWith("kustomization.yaml") && !file.getFileName().toString().endsWith(".example.yaml"))
                .map(file -> new Manifest(file, (HasMetadata) KUBERNETES.unmarshal(read(file))))
                .toList();
    }

    static <T extends HasMetadata> List<T> all(Class<T> type) {
        return manifests().stream().map(Manifest::resource).filter(type::isInstance).map(type::cast).toList();
    }

    static <T extends HasMetadata> T only(Class<T> type) {
        assertThat(all(type)).as(type.getSimpleName()).hasSize(1);
        return all(type).getFirst();
    }

    static <T extends HasMetadata> T named(Class<T> type, String name) {
        return all(type).stream().filter(r -> name(r).equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    static Deployment serviceDeployment() {
        return named(Deployment.class, SERVICE);
    }

    static Container serviceContainer() {
        return serviceDeployment().getSpec().getTemplate().getSpec().getContainers().getFirst();
    }

    static String name(HasMetadata resource) {
        return resource.getMetadata().getName();
    }

    static boolean selects(Map<String, String> selector, Deployment deployment) {
        return selector != null && !selector.isEmpty()
                && deployment.getSpec().getTemplate().getMetadata().getLabels().entrySet().containsAll(selector.entrySet());
    }

    static boolean selects(LabelSelector selector, Deployment deployment) {
        return selects(selector.getMatchLabels(), deployment);
    }

    /** The container port a probe or Service names, by name or number; 0 when the container has no such port. */
    static int containerPort(Container container, IntOrString port) {
        return container.getPorts().stream()
                .filter(p -> port.getIntVal() != null ? p.getContainerPort().equals(port.getIntVal()) : port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst().orElse(0);
    }

    static String env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " does not set " + name));
    }

    static String dockerfileEnv(String name) {
        Matcher matcher = Pattern.compile("\\b" + name + "=(\\S+)").matcher(read(DOCKERFILE));
        assertThat(matcher.find()).as("the Dockerfile sets " + name).isTrue();
        return matcher.group(1);
    }

    /** Variables the Tribune pods get: their env entries, and the keys of the ConfigMaps they take whole. */
    static Set<String> kubernetesVariables() {
        Set<String> variables = new TreeSet<>();
        for (Container container : serviceDeployment().getSpec().getTemplate().getSpec().getContainers()) {
            container.getEnv().forEach(e -> variables.add(e.getName()));
            for (EnvFromSource source : container.getEnvFrom()) {
                variables.addAll(named(ConfigMap.class, source.getConfigMapRef().getName()).getData().keySet());
            }
        }
        return settingsOnly(variables);
    }

    /** Variables the compose file gives its services, and those .env.example sets. */
    @SuppressWarnings("unchecked")
    static Set<String> composeVariables() {
        Set<String> variables = new TreeSet<>();
        Map<String, Object> compose = new Yaml().load(read(COMPOSE.resolve("docker-compose.yml")));
        for (Object service : ((Map<String, Object>) compose.get("services")).values()) {
            Object environment = ((Map<String, Object>) service).get("environment");
            if (environment instanceof Map<?, ?> map) {
                map.keySet().forEach(key -> variables.add((String) key));
            }
        }
        read(COMPOSE.resolve(".env.example")).lines().filter(line -> line.matches("[A-Z0-9_]+=.*"))
                .forEach(line -> variables.add(line.substring(0, line.indexOf('='))));
        return settingsOnly(variables);
    }

    static Set<String> settingsOnly(Set<String> variables) {
        Set<String> settings = new TreeSet<>(variables);
        settings.removeIf(v -> SETTING_PREFIXES.stream().noneMatch(v::startsWith));
        return settings;
    }

    @SuppressWarnings("unchecked")
    static List<String> resourcesOf(Path kustomization) {
        Map<String, Object> yaml = new Yaml().load(read(kustomization));
        return (List<String>) yaml.getOrDefault("resources", List.of());
    }

    static List<Path> yamlFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
