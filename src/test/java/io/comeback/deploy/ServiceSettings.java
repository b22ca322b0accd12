package io.comeback.deploy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.comeback.testing.ShippedProperties;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables the service reads, from two sides: what its configuration knows (the properties of its
 * {@code @ConfigMapping} interfaces, read with SmallRye Config's mapping metadata, every property application.properties
 * sets and every {@code ${VAR}} it names) and what deploy/CONFIGURATION.md documents for operators.
 */
final class ServiceSettings {

    private static final Path REFERENCE = Path.of("deploy/CONFIGURATION.md");
    private static final Path PROPERTIES = Path.of("src/main/resources/application.properties");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern REFERENCED = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    // Quarkus reads these itself; no property names them.
    private static final Set<String> QUARKUS_STANDARD = Set.of("QUARKUS_PROFILE");

    private final Set<String> variables = new TreeSet<>(QUARKUS_STANDARD);
    private final List<Pattern> mappedPatterns = new ArrayList<>();
    private final Set<String> documented = new TreeSet<>();

    private ServiceSettings() {}

    static ServiceSettings read() throws IOException {
        ServiceSettings settings = new ServiceSettings();
        settings.readMappings();
        settings.readApplicationProperties();
        settings.readReference();
        return settings;
    }

    /** Whether the variable sets a setting the service reads. */
    boolean isRead(String variable) {
        return variables.contains(variable)
                || mappedPatterns.stream().anyMatch(p -> p.matcher(variable).matches());
    }

    /** Whether deploy/CONFIGURATION.md documents the variable, by name or as its property's environment form. */
    boolean isDocumented(String variable) {
        return documented.contains(variable);
    }

    /** MicroProfile Config's environment form of a property: upper case, every other character an underscore. */
    static String environmentName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private void readMappings() {
        List<JavaClass> mappings = new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .withImportOption(location -> !location.contains("/test-classes/"))
                        .importPackages("io.comeback")
                        .stream()
                        .filter(c -> c.isAnnotatedWith(ConfigMapping.class))
                        .toList();
        for (JavaClass mapping : mappings) {
            Class<?> type = mapping.reflect();
            String prefix = type.getAnnotation(ConfigMapping.class).prefix();
            for (String name : ConfigMappings.getProperties(ConfigMappings.ConfigClass.configClass(type, prefix))
                    .keySet()) {
                String property = name.replace("[*]", "");
                if (property.contains("*")) {
                    // A map key (comeback.keywords.<country>.opt-out): any name in its place.
                    mappedPatterns.add(Pattern.compile(Arrays.stream(property.split("\\*", -1))
                            .map(part -> Pattern.quote(environmentName(part)))
                            .reduce((a, b) -> a + "[A-Z0-9_]+" + b)
                            .orElseThrow()));
                } else {
                    variables.add(environmentName(property));
                }
            }
        }
    }

    private void readApplicationProperties() throws IOException {
        ShippedProperties shipped = ShippedProperties.load();
        shipped.names().forEach(name -> variables.add(environmentName(name)));
        Matcher referenced = REFERENCED.matcher(Files.readString(PROPERTIES));
        while (referenced.find()) {
            variables.add(referenced.group(1));
        }
    }

    /** Every settings table (a "variable" column, and no "read by" column of the scripts' table). */
    private void readReference() throws IOException {
        List<String> header = List.of();
        for (String raw : Files.readAllLines(REFERENCE)) {
            String line = raw.trim();
            if (!line.startsWith("|")) {
                header = List.of();
                continue;
            }
            List<String> cells = Arrays.stream(
                            line.substring(1, line.length() - 1).split("\\|", -1))
                    .map(String::trim)
                    .toList();
            if (header.isEmpty()) {
                header = cells.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
                continue;
            }
            int variable = header.indexOf("variable");
            if (variable < 0 || header.contains("read by") || cells.get(0).startsWith("---")) {
                continue;
            }
            documented.addAll(codes(cells.get(variable)));
            int property = header.indexOf("property");
            if (property >= 0) {
                codes(cells.get(property)).stream()
                        .filter(p -> !p.startsWith("."))
                        .forEach(p -> documented.add(environmentName(p)));
            }
        }
    }

    private static List<String> codes(String cell) {
        List<String> codes = new ArrayList<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }
}
