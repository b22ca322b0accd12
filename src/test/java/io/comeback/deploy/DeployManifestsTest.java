package io.comeback.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The deployment files are right before anyone applies them: the Kubernetes overlays build and every object is
 * valid against the Kubernetes API schemas, unknown fields included (deploy/kubernetes/validate, npm package
 * kubernetes-models, installed by deploy/test.sh); and every environment variable that the manifests, the Compose
 * file, the env-file templates and the image set is a setting the service reads.
 */
class DeployManifestsTest {

    private static final Path DEPLOY = Path.of("deploy");
    private static final Path KUBERNETES = DEPLOY.resolve("kubernetes");
    // Read by the base image's run-java.sh, not by the service.
    private static final Set<String> IMAGE_VARIABLES =
            Set.of("LANGUAGE", "JAVA_MAX_MEM_RATIO", "JAVA_APP_JAR", "JAVA_OPTS_APPEND");
    // Quarkus' own variables that no property of application.properties names.
    private static final Set<String> QUARKUS_STANDARD = Set.of("QUARKUS_PROFILE");

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
        Built built = build(
                "production", "--component-instead", "../components/cloudnative-pg=../components/external-postgres");
        assertThat(built.problems()).doesNotContain("PROBLEM");
        assertThat(built.exit()).isZero();
        assertThat(kinds(built)).contains("Deployment/comeback").doesNotContain("Cluster/comeback-db");
    }

    @Test
    void theValidatorRefusesAnUnknownFieldAndAWrongType(@org.junit.jupiter.api.io.TempDir Path copy) throws Exception {
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
    void everyEnvironmentVariableTheDeploymentFilesSetIsASettingOfTheService() throws Exception {
        Set<String> known = knownVariables();
        Map<String, Set<String>> set = new java.util.LinkedHashMap<>();
        // Kubernetes: container env, and the keys of the ConfigMap and Secret the containers take whole (envFrom).
        for (String variant : List.of("production")) {
            Built built = build(variant);
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
            set.put("kubernetes/" + variant, names);
        }
        Built external = build(
                "production", "--component-instead", "../components/cloudnative-pg=../components/external-postgres");
        set.put(
                "kubernetes/external-postgres",
                external.objects().stream()
                        .flatMap(o -> strings(o.get("env")).stream())
                        .collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
        set.put("compose.yaml", composeVariables());
        set.put("comeback.env.example", envFileNames(DEPLOY.resolve("comeback.env.example")));
        set.put(
                "kubernetes/production/secrets.env.example",
                envFileNames(KUBERNETES.resolve("production/secrets.env.example")));
        set.put("image/Dockerfile", dockerfileVariables());

        set.forEach((where, names) -> {
            assertThat(names).as(where + " sets variables").isNotEmpty();
            Set<String> unknown = new TreeSet<>(names);
            unknown.removeAll(known);
            assertThat(unknown)
                    .as("variables in " + where + " that no setting of the service reads")
                    .isEmpty();
        });
        assertThat(set.get("kubernetes/production"))
                .contains(
                        "QUARKUS_DATASOURCE_JDBC_URL",
                        "QUARKUS_DATASOURCE_PASSWORD",
                        "COMEBACK_TWILIO_AUTH_TOKEN",
                        "COMEBACK_ERASURE_HASH_KEY",
                        "COMEBACK_API_KEYS");
    }

    @Test
    void theSettingsCheckKnowsPropertiesByTheirEnvironmentNameAndRefusesMadeUpOnes() throws IOException {
        Set<String> known = knownVariables();
        assertThat(known)
                .contains(
                        "QUARKUS_DATASOURCE_JDBC_URL",
                        "QUARKUS_HTTP_PORT",
                        "COMEBACK_RUNTIME_WORKERS",
                        "COMEBACK_RETENTION_RAW_WEBHOOKS",
                        "COMEBACK_TWILIO_ERROR_RULES",
                        "QUARKUS_PROFILE");
        assertThat(known).doesNotContain("COMEBACK_TWILIO_TOKEN", "COMEBACK_DATABASE_URL", "QUARKUS_DATASOURCE_URL");
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

    /**
     * Environment names of every property application.properties sets, every ${VAR} it reads, every property the
     * code injects (@ConfigProperty, @ConfigMapping interfaces), and getenv calls.
     */
    static Set<String> knownVariables() throws IOException {
        Set<String> known = new TreeSet<>(QUARKUS_STANDARD);
        String properties = Files.readString(Path.of("src/main/resources/application.properties"));
        Matcher reference = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]").matcher(properties);
        while (reference.find()) {
            known.add(reference.group(1));
        }
        for (String line : properties.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || !trimmed.contains("=")) {
                continue;
            }
            String key = trimmed.substring(0, trimmed.indexOf('=')).strip().replaceFirst("^%[a-z]+\\.", "");
            known.add(environmentName(key));
        }
        Pattern getenv = Pattern.compile("getenv\\(\"([A-Z][A-Z0-9_]*)\"\\)");
        Pattern injected = Pattern.compile("@ConfigProperty\\(name = \"([^\"]+)\"");
        Pattern mapping = Pattern.compile("@ConfigMapping\\(prefix = \"([^\"]+)\"\\)");
        Pattern member = Pattern.compile("^\\s+[\\w<>, ]+ (\\w+)\\(\\);", Pattern.MULTILINE);
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source :
                    sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                String code = Files.readString(source);
                Matcher m = getenv.matcher(code);
                while (m.find()) {
                    known.add(m.group(1));
                }
                m = injected.matcher(code);
                while (m.find()) {
                    known.add(environmentName(m.group(1)));
                }
                m = mapping.matcher(code);
                if (m.find()) {
                    String prefix = m.group(1);
                    Matcher members = member.matcher(code);
                    while (members.find()) {
                        known.add(environmentName(prefix + "."
                                + members.group(1)
                                        .replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                                        .toLowerCase()));
                    }
                }
            }
        }
        return known;
    }

    /** MicroProfile Config's environment form of a property: upper case, every other character an underscore. */
    static String environmentName(String property) {
        return property.toUpperCase().replaceAll("[^A-Z0-9]", "_");
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
            Map<String, Object> spec = new java.util.LinkedHashMap<>((Map<String, Object>) service.getValue());
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
        Set<String> names = new TreeSet<>();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                names.add(trimmed.substring(0, trimmed.indexOf('=')));
            }
        }
        return names;
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

    private static Built build(String overlay, String... options) throws Exception {
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
