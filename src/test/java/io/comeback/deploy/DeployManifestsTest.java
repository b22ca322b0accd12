package io.comeback.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.engine.validate.FlowValidator;
import io.comeback.testing.ShippedProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The deployment files are right before anyone applies them: the Kubernetes overlays build and every object is
 * valid against the Kubernetes API schemas, unknown fields included (deploy/kubernetes/validate, npm package
 * kubernetes-models, installed by deploy/test.sh); every environment variable that the manifests, the Compose
 * file, the env-file templates and the image set is a setting the service reads and deploy/CONFIGURATION.md
 * documents; the probes and Prometheus use the management port, the Ingress only the public one; a replica's
 * graceful stop fits in its termination grace period; the overlay's flows are valid.
 */
class DeployManifestsTest {

    private static final Path DEPLOY = Path.of("deploy");
    private static final Path KUBERNETES = DEPLOY.resolve("kubernetes");
    // Read by the base image's run-java.sh, not by the service.
    private static final Set<String> IMAGE_VARIABLES =
            Set.of("LANGUAGE", "JAVA_MAX_MEM_RATIO", "JAVA_APP_JAR", "JAVA_OPTS_APPEND");
    private static final String[] EXTERNAL_POSTGRES = {
        "--component-instead", "../components/cloudnative-pg=../components/external-postgres"
    };

    record Built(List<Map<String, Object>> objects, String problems, int exit) {}

    @Test
    void theProductionOverlayBuildsAndEveryObjectIsValidAgainstTheKubernetesSchemas() throws Exception {
        Built built = build("production");
        assertThat(built.problems()).as("validator output").doesNotContain("PROBLEM");
        assertThat(built.exit()).isZero();
        assertThat(kinds(built))
                .contains(
                        "Deployment/comeback",
                        "Service/comeback",
                        "Ingress/comeback",
                        "PodDisruptionBudget/comeback",
                        "HorizontalPodAutoscaler/comeback",
                        "ConfigMap/comeback-flows",
                        "ConfigMap/comeback-settings",
                        "Secret/comeback-secrets",
                        "Cluster/comeback-db",
                        "ScheduledBackup/comeback-db-nightly",
                        "PrometheusRule/comeback",
                        "ServiceMonitor/comeback");
    }

    @Test
    void theExternalPostgresAlternativeBuildsAndIsValidToo() throws Exception {
        Built built = build("production", EXTERNAL_POSTGRES);
        assertThat(built.problems()).doesNotContain("PROBLEM");
        assertThat(built.exit()).isZero();
        assertThat(kinds(built)).contains("Deployment/comeback").doesNotContain("Cluster/comeback-db");
    }

    @Test
    void theValidatorRefusesAnUnknownFieldAndAWrongType(@TempDir Path copy) throws Exception {
        copyTree(KUBERNETES, copy);
        Path deployment = copy.resolve("base/deployment.yaml");
        Files.writeString(
                deployment,
                Files.readString(deployment)
                        .replace("terminationGracePeriodSeconds: 60", "terminationGracePeriod: 60")
                        .replace("  replicas: 2", "  replicas: two"));
        Built built = run(copy.resolve("validate/validate.mjs"), copy.resolve("production"));
        assertThat(built.exit()).isEqualTo(1);
        assertThat(built.problems()).contains("terminationGracePeriod").contains("replicas must be integer");
    }

    @Test
    void everyEnvironmentVariableTheDeploymentFilesSetIsASettingOfTheServiceAndDocumented() throws Exception {
        ServiceSettings settings = ServiceSettings.read();
        Map<String, Set<String>> set = new LinkedHashMap<>();
        // Kubernetes: container env, and the keys of the ConfigMap and Secret the containers take whole (envFrom).
        Built built = build("production");
        Set<String> names = new TreeSet<>();
        Set<String> envFrom = new LinkedHashSet<>();
        for (Map<String, Object> o : built.objects()) {
            names.addAll(strings(o.get("env")));
            envFrom.addAll(strings(o.get("envFrom")));
        }
        assertThat(envFrom).containsExactlyInAnyOrder("configmap:comeback-settings", "secret:comeback-secrets");
        for (Map<String, Object> o : built.objects()) {
            String ref = ("ConfigMap".equals(o.get("kind")) ? "configmap:" : "secret:") + o.get("name");
            if (envFrom.contains(ref)) {
                names.addAll(strings(o.get("keys")));
            }
        }
        set.put("kubernetes/production", names);
        set.put(
                "kubernetes/external-postgres",
                build("production", EXTERNAL_POSTGRES).objects().stream()
                        .flatMap(o -> strings(o.get("env")).stream())
                        .collect(Collectors.toCollection(TreeSet::new)));
        set.put("compose.yaml", composeVariables());
        set.put("comeback.env.example", envFileNames(DEPLOY.resolve("comeback.env.example")));
        set.put(
                "kubernetes/production/secrets.env.example",
                envFileNames(KUBERNETES.resolve("production/secrets.env.example")));
        set.put("image/Dockerfile", dockerfileVariables());

        set.forEach((where, variables) -> {
            assertThat(variables).as(where + " sets variables").isNotEmpty();
            assertThat(variables.stream().filter(v -> !settings.isRead(v)).toList())
                    .as("variables in " + where + " that no setting of the service reads")
                    .isEmpty();
            assertThat(variables.stream().filter(v -> !settings.isDocumented(v)).toList())
                    .as("variables in " + where + " that deploy/CONFIGURATION.md does not document")
                    .isEmpty();
        });
        assertThat(set.get("kubernetes/production"))
                .contains(
                        "QUARKUS_DATASOURCE_JDBC_URL",
                        "QUARKUS_DATASOURCE_PASSWORD",
                        "COMEBACK_TWILIO_AUTH_TOKEN",
                        "COMEBACK_ERASURE_HASH_KEY",
                        "COMEBACK_API_KEYS",
                        "COMEBACK_MANAGEMENT_PORT");
    }

    @Test
    void theSettingsCheckKnowsPropertiesByTheirEnvironmentNameAndRefusesMadeUpOnes() throws IOException {
        ServiceSettings settings = ServiceSettings.read();
        for (String real : List.of(
                "QUARKUS_DATASOURCE_JDBC_URL",
                "QUARKUS_HTTP_PORT",
                "COMEBACK_RUNTIME_WORKERS",
                "COMEBACK_RETENTION_RAW_WEBHOOKS",
                "COMEBACK_SHUTDOWN_DRAIN_TIMEOUT",
                "COMEBACK_LOG_JSON",
                "COMEBACK_TWILIO_ERROR_RULES",
                "COMEBACK_KEYWORDS_SE_OPT_OUT",
                "QUARKUS_PROFILE")) {
            assertThat(settings.isRead(real)).as(real + " is read").isTrue();
        }
        for (String documented : List.of(
                "COMEBACK_RUNTIME_WORKERS", "COMEBACK_PUBLIC_URL", "COMEBACK_MANAGEMENT_PORT", "COMEBACK_LOG_JSON")) {
            assertThat(settings.isDocumented(documented))
                    .as(documented + " is documented")
                    .isTrue();
        }
        for (String madeUp : List.of(
                "COMEBACK_TWILIO_TOKEN", "COMEBACK_DATABASE_URL", "QUARKUS_DATASOURCE_URL", "COMEBACK_KEYWORDS")) {
            assertThat(settings.isRead(madeUp)).as(madeUp + " is read").isFalse();
            assertThat(settings.isDocumented(madeUp))
                    .as(madeUp + " is documented")
                    .isFalse();
        }
        // The scripts' table documents variables the service does not read.
        assertThat(settings.isDocumented("COMEBACK_IMAGE")).isFalse();
    }

    @Test
    void theProbesAndTheMetricsScrapeUseTheManagementPortAndTheIngressOnlyThePublicOne() throws Exception {
        Map<String, Object> deployment = object(build("production"), "Deployment", "comeback");
        Map<String, Object> pod = map(map(map(deployment, "spec"), "template"), "spec");
        Map<String, Object> container = list(pod, "containers").get(0);
        Map<String, Integer> ports = new LinkedHashMap<>();
        list(container, "ports").forEach(p -> ports.put((String) p.get("name"), (Integer) p.get("containerPort")));
        String managementPort = list(container, "env").stream()
                .filter(e -> "COMEBACK_MANAGEMENT_PORT".equals(e.get("name")))
                .map(e -> (String) e.get("value"))
                .findFirst()
                .orElse(ShippedProperties.value("quarkus.management.port"));
        assertThat(ports).containsEntry("management", Integer.valueOf(managementPort));
        assertThat(ports.get("http")).isEqualTo(Integer.valueOf(ShippedProperties.value("quarkus.http.port")));

        Map<String, String> probes = probePaths(container);
        assertThat(probes.keySet()).containsExactlyInAnyOrder("startupProbe", "readinessProbe", "livenessProbe");
        for (String probe : probes.keySet()) {
            Object port = map(map(container, probe), "httpGet").get("port");
            assertThat(port instanceof String name ? ports.get(name) : port)
                    .as(probe + " port")
                    .isEqualTo(ports.get("management"));
        }
        assertThat(probes)
                .containsEntry("startupProbe", "/q/health/started")
                .containsEntry("readinessProbe", "/q/health/ready")
                .containsEntry("livenessProbe", "/q/health/live");

        Map<String, Object> service = object(build("production"), "Service", "comeback");
        assertThat(list(map(service, "spec"), "ports"))
                .anySatisfy(p ->
                        assertThat(p).containsEntry("name", "management").containsEntry("targetPort", "management"));
        Map<String, Object> monitor = object(build("production"), "ServiceMonitor", "comeback");
        assertThat(list(map(monitor, "spec"), "endpoints"))
                .allSatisfy(
                        e -> assertThat(e).containsEntry("port", "management").containsEntry("path", "/q/metrics"));
        Map<String, Object> ingress = object(build("production"), "Ingress", "comeback");
        for (Map<String, Object> rule : list(map(ingress, "spec"), "rules")) {
            for (Map<String, Object> path : list(map(rule, "http"), "paths")) {
                assertThat(map(map(map(path, "backend"), "service"), "port"))
                        .as("the Ingress' backend of " + path.get("path"))
                        .isEqualTo(Map.of("name", "http"));
            }
        }
        String dockerfile = Files.readString(DEPLOY.resolve("image/Dockerfile"));
        assertThat(dockerfile)
                .contains("COMEBACK_MANAGEMENT_PORT=" + managementPort)
                .contains("http://localhost:${COMEBACK_MANAGEMENT_PORT}/q/health/ready");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aReplicaStopsWithinTheTerminationGracePeriod() throws Exception {
        Map<String, Object> deployment = object(build("production"), "Deployment", "comeback");
        int grace =
                (Integer) map(map(map(deployment, "spec"), "template"), "spec").get("terminationGracePeriodSeconds");
        Map<String, String> settings = envFile(KUBERNETES.resolve("production/settings.env"));
        // The shutdown delay and the requests' timeout run one after the other; the drain deadline counts from
        // SIGTERM too, so their sum bounds the stop.
        Duration stop = setting(settings, "COMEBACK_SHUTDOWN_DELAY", "quarkus.shutdown.delay")
                .plus(setting(settings, "COMEBACK_SHUTDOWN_TIMEOUT", "quarkus.shutdown.timeout"))
                .plus(setting(settings, "COMEBACK_SHUTDOWN_DRAIN_TIMEOUT", "comeback.shutdown.drain-timeout"));
        assertThat(stop).isLessThan(Duration.ofSeconds(grace));
        Map<String, Object> compose =
                (Map<String, Object>) new Load(LoadSettings.builder().build())
                        .loadFromString(Files.readString(DEPLOY.resolve("compose.yaml")));
        assertThat(((Map<String, Object>) compose.get("x-comeback")).get("stop_grace_period"))
                .isEqualTo(grace + "s");
    }

    @Test
    void theFlowsOfTheProductionOverlayAreValidFlows() throws IOException {
        List<Path> flows;
        try (Stream<Path> files = Files.list(KUBERNETES.resolve("production/flows"))) {
            flows = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(flows).isNotEmpty();
        String kustomization = Files.readString(KUBERNETES.resolve("production/kustomization.yaml"));
        for (Path flow : flows) {
            assertThat(kustomization).as("listed in comeback-flows").contains("flows/" + flow.getFileName());
            assertThat(new FlowValidator().validate(Files.readString(flow)).errors())
                    .as(flow.toString())
                    .isEmpty();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePrometheusRuleHoldsTheSameRulesAsDeployMonitoringAlerts() throws IOException {
        Load yaml = new Load(LoadSettings.builder().build());
        Object alerts = yaml.loadFromString(Files.readString(DEPLOY.resolve("monitoring/alerts.yaml")));
        Map<String, Object> rule = (Map<String, Object>)
                yaml.loadFromString(Files.readString(KUBERNETES.resolve("production/prometheus-rule.yaml")));
        assertThat(rule.get("spec")).isEqualTo(alerts);
    }

    @SuppressWarnings("unchecked")
    private static Set<String> composeVariables() throws IOException {
        Map<String, Object> compose =
                (Map<String, Object>) new Load(LoadSettings.builder().build())
                        .loadFromString(Files.readString(DEPLOY.resolve("compose.yaml")));
        Set<String> names = new TreeSet<>();
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        int replicas = 0;
        for (Map.Entry<String, Object> service : services.entrySet()) {
            Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) service.getValue());
            // YAML 1.1 merge key (Compose reads it; snakeyaml-engine, a YAML 1.2 parser, leaves it as a key).
            if (spec.get("<<") instanceof Map<?, ?> merged) {
                spec.remove("<<");
                ((Map<String, Object>) merged).forEach(spec::putIfAbsent);
            }
            if (String.valueOf(spec.get("image")).contains("comeback")) {
                replicas++;
                names.addAll(((Map<String, Object>) spec.get("environment")).keySet());
                assertThat(spec.get("env_file"))
                        .as(service.getKey() + " env_file")
                        .isEqualTo("comeback.env");
                assertThat((List<String>) spec.get("volumes"))
                        .as(service.getKey() + " volumes")
                        .anyMatch(v -> v.endsWith(":/deployments/flows:ro"));
            }
        }
        assertThat(replicas).as("Comeback replicas in compose.yaml").isEqualTo(2);
        return names;
    }

    private static Set<String> envFileNames(Path file) throws IOException {
        return new TreeSet<>(envFile(file).keySet());
    }

    private static Map<String, String> envFile(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                int eq = trimmed.indexOf('=');
                values.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
            }
        }
        return values;
    }

    /** A duration the overlay's settings.env sets, else the one application.properties ships. */
    private static Duration setting(Map<String, String> settings, String variable, String property) {
        return Duration.parse(settings.getOrDefault(variable, ShippedProperties.value(property)));
    }

    /** The path each HTTP probe of the container asks, by probe. */
    private static Map<String, String> probePaths(Map<String, Object> container) {
        Map<String, String> paths = new LinkedHashMap<>();
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            if (container.get(probe) != null) {
                paths.put(probe, (String) map(map(container, probe), "httpGet").get("path"));
            }
        }
        return paths;
    }

    /** One built object, whole. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Built built, String kind, String name) {
        return built.objects().stream()
                .filter(o -> kind.equals(o.get("kind")) && name.equals(o.get("name")))
                .map(o -> (Map<String, Object>) o.get("object"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(kind + "/" + name + " is not built"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        return (List<Map<String, Object>>) parent.get(key);
    }

    private static Set<String> dockerfileVariables() throws IOException {
        String dockerfile = Files.readString(DEPLOY.resolve("image/Dockerfile")).replace("\\\n", " ");
        Set<String> names = new TreeSet<>();
        for (String line : dockerfile.split("\n")) {
            if (line.startsWith("ENV ")) {
                Matcher m = Pattern.compile("([A-Z][A-Z0-9_]*)=").matcher(line);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        assertThat(names).contains("COMEBACK_FLOWS_DIR");
        names.removeAll(IMAGE_VARIABLES);
        return names;
    }

    private static Set<String> kinds(Built built) {
        Set<String> kinds = new TreeSet<>();
        built.objects().forEach(o -> kinds.add(o.get("kind") + "/" + o.get("name")));
        return kinds;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object list) {
        return list == null ? List.of() : (List<String>) list;
    }

    static Built build(String overlay, String... options) throws Exception {
        return run(KUBERNETES.resolve("validate/validate.mjs"), KUBERNETES.resolve(overlay), options);
    }

    @SuppressWarnings("unchecked")
    private static Built run(Path script, Path overlay, String... options) throws Exception {
        Path validate = script.toAbsolutePath();
        assertThat(validate.getParent().resolve("node_modules/kubernetes-models"))
                .as(
                        "the validator's npm packages: deploy/test.sh installs them (deploy/kubernetes/validate/install.sh)")
                .exists();
        List<String> command = new ArrayList<>(
                List.of("node", validate.toString(), overlay.toAbsolutePath().toString()));
        command.addAll(List.of(options));
        Path errors = Files.createTempFile("validate", ".err");
        Process process =
                new ProcessBuilder(command).redirectError(errors.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS))
                .as("validator finished")
                .isTrue();
        String problems = Files.readString(errors);
        Files.delete(errors);
        List<Map<String, Object>> objects = new ArrayList<>();
        Load json = new Load(LoadSettings.builder().build()); // JSON lines are YAML flow maps
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                objects.add((Map<String, Object>) json.loadFromString(line));
            }
        }
        return new Built(objects, problems, process.exitValue());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (p.toString().contains("node_modules")) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Files.createSymbolicLink(
                to.resolve("validate/node_modules"),
                from.resolve("validate/node_modules").toAbsolutePath());
    }
}
