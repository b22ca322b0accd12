package io.comeback.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.comeback.testing.ShippedProperties;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappings;
import io.smallrye.config.WithDefault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * deploy/CONFIGURATION.md, the operators' reference, against the settings the service knows: the properties of its
 * {@code @ConfigMapping} interfaces (read with SmallRye Config's mapping metadata) and what application.properties
 * ships. A documented {@code comeback.*} property or {@code COMEBACK_*} variable must exist, every setting must be
 * documented, and a documented default must be the shipped one. A variable is the property in upper case with
 * everything but letters and digits turned into {@code _}, or the {@code VAR} of a {@code ${VAR:default}} value.
 */
class ConfigurationDocumentedTest {

    private static final Path REFERENCE = Path.of("deploy/CONFIGURATION.md");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern EXPRESSION = Pattern.compile("\\$?\\{([^}:]+)(?::[^}]*)?}");

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("/test-classes/"))
            .importPackages("io.comeback");

    private final ShippedProperties shipped = ShippedProperties.load();
    private final Set<String> mapped = mappedProperties();
    private final List<Row> documented = documentedRows();

    /** A row of a settings table: its variables, its properties ({@code <COUNTRY>} read as {@code *}), its default. */
    record Row(int line, List<String> variables, List<String> properties, String defaults) {}

    @Test
    void theMappingsAndTheReferenceAreRead() {
        assertThat(mapped)
                .contains(
                        "comeback.dispatch.batch-size",
                        "comeback.limits.csv.max-columns",
                        "comeback.twilio.auth-token",
                        "comeback.keywords.*.opt-out",
                        "comeback.shop-name");
        assertThat(documented).anySatisfy(row -> assertThat(row.properties()).contains("comeback.dispatch.batch-size"));
        assertThat(documented).anySatisfy(row -> assertThat(row.variables()).contains("COMEBACK_TWILIO_AUTH_TOKEN"));
    }

    @Test
    void everyDocumentedSettingExists() {
        Map<String, String> variables = knownVariables();
        List<String> unknown = new ArrayList<>();
        for (Row row : documented) {
            for (String property : row.properties()) {
                if (property.startsWith("comeback.") && !mapped.contains(property)) {
                    unknown.add("line " + row.line() + ": " + property + " is no setting of the service");
                }
            }
            for (String variable : row.variables()) {
                String property = variables.get(variable);
                if (variable.startsWith("COMEBACK_") && property == null) {
                    unknown.add("line " + row.line() + ": " + variable + " sets no setting of the service");
                } else if (property != null
                        && !row.properties().isEmpty()
                        && !row.properties().contains(property)) {
                    unknown.add("line " + row.line() + ": " + variable + " sets " + property + ", not "
                            + String.join(" or ", row.properties()));
                }
            }
        }
        assertThat(unknown)
                .as("documented in " + REFERENCE + " but unknown to the service")
                .isEmpty();
    }

    @Test
    void everySettingIsDocumented() {
        Set<String> properties = new TreeSet<>();
        Set<String> variables = new TreeSet<>();
        documented.forEach(row -> {
            properties.addAll(row.properties());
            variables.addAll(row.variables());
        });
        List<String> undocumented = mapped.stream()
                .filter(p -> !properties.contains(p)
                        && !variables.contains(variableOf(p))
                        && shipped.variableOf(p).filter(variables::contains).isEmpty())
                .toList();
        assertThat(undocumented).as("settings missing from " + REFERENCE).isEmpty();
    }

    @Test
    void everySettingApplicationPropertiesSetsIsMapped() {
        List<String> unmapped = shipped.names().stream()
                .filter(name -> name.startsWith("comeback.") && !matchesMapped(name))
                .toList();
        assertThat(unmapped)
                .as("comeback.* settings in application.properties that no @ConfigMapping reads")
                .isEmpty();
    }

    @Test
    void everyMappedSettingWithADefaultHasItInApplicationPropertiesOnly() {
        List<String> withCodeDefaults = new ArrayList<>();
        for (JavaClass mapping : mappings()) {
            for (JavaClass type :
                    Stream.concat(Stream.of(mapping), nestedGroups(mapping)).toList()) {
                type.getMethods().stream()
                        .filter(m -> m.isAnnotatedWith(WithDefault.class))
                        .forEach(m -> withCodeDefaults.add(type.getName() + "." + m.getName()));
            }
        }
        assertThat(withCodeDefaults)
                .as("defaults belong in application.properties, not in @WithDefault")
                .isEmpty();
    }

    @Test
    void scheduledJobsReadMappedSettings() {
        List<String> unmapped = new ArrayList<>();
        for (JavaClass type : PRODUCTION) {
            for (JavaMethod method : type.getMethods()) {
                if (!method.isAnnotatedWith(Scheduled.class)) {
                    continue;
                }
                Scheduled scheduled = method.getAnnotationOfType(Scheduled.class);
                for (String expression : List.of(scheduled.cron(), scheduled.every(), scheduled.delayed())) {
                    Matcher m = EXPRESSION.matcher(expression);
                    while (m.find()) {
                        if (!mapped.contains(m.group(1)) || expression.contains(":")) {
                            unmapped.add(type.getSimpleName() + "." + method.getName() + ": " + expression);
                        }
                    }
                }
            }
        }
        assertThat(unmapped)
                .as("@Scheduled expressions must name a mapped setting, without a default of their own")
                .isEmpty();
    }

    @Test
    void noClassReadsConfigurationOutsideTheMappings() {
        List<String> readers = new ArrayList<>();
        for (JavaClass type : PRODUCTION) {
            for (JavaField field : type.getFields()) {
                if (field.isAnnotatedWith(ConfigProperty.class)) {
                    readers.add(field.getFullName());
                }
            }
            for (JavaCodeUnit unit : type.getCodeUnits()) {
                for (JavaParameter parameter : unit.getParameters()) {
                    if (parameter.isAnnotatedWith(ConfigProperty.class)) {
                        readers.add(unit.getFullName() + " "
                                + parameter
                                        .getAnnotationOfType(ConfigProperty.class)
                                        .name());
                    }
                }
            }
            type.getDirectDependenciesFromSelf().stream()
                    .filter(d -> Set.of(Config.class.getName(), ConfigProvider.class.getName())
                            .contains(d.getTargetClass().getName()))
                    .forEach(d -> readers.add(d.getDescription()));
        }
        assertThat(readers)
                .as("settings are read through @ConfigMapping interfaces, so that this test sees them all")
                .isEmpty();
    }

    @Test
    void documentedDefaultsAreTheShippedOnes() {
        Map<String, String> variables = knownVariables();
        List<String> wrong = new ArrayList<>();
        for (Row row : documented) {
            List<String> properties = row.properties().isEmpty()
                    ? row.variables().stream()
                            .map(variables::get)
                            .filter(p -> p != null)
                            .toList()
                    : row.properties();
            if (properties.size()
                    != Math.max(row.properties().size(), row.variables().size())) {
                continue; // a variable that sets nothing: everyDocumentedSettingExists names it
            }
            Optional<List<String>> defaults = defaults(row.defaults(), properties.size());
            if (defaults.isEmpty()) {
                continue;
            }
            for (int i = 0; i < properties.size(); i++) {
                String property = properties.get(i);
                String documentedDefault = defaults.get().get(i);
                Optional<String> value = shipped.valueOf(property);
                if (value.isEmpty() && !property.startsWith("comeback.") && !documentedDefault.isEmpty()) {
                    continue; // one of Quarkus' own defaults
                }
                String actual = value.orElse("");
                if (!normalized(actual).equals(normalized(documentedDefault))) {
                    wrong.add("line " + row.line() + ": " + property + " is documented with default '"
                            + documentedDefault + "' but application.properties ships '" + actual + "'");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /**
     * The defaults a cell gives for as many properties: {@code none…} is no value for all; otherwise the pieces
     * before any parenthesis, separated by ", ", each in backticks or a number. Empty when the cell describes
     * its default in words ("Norwegian + English text").
     */
    private static Optional<List<String>> defaults(String cell, int properties) {
        String text = cell.trim();
        if (text.startsWith("none")) {
            return Optional.of(Collections.nCopies(properties, ""));
        }
        int aside = text.indexOf(" (");
        if (aside > 0) {
            text = text.substring(0, aside);
        }
        List<String> values = new ArrayList<>();
        for (String piece : text.split(", ")) {
            Matcher code = CODE.matcher(piece.trim());
            if (code.matches()) {
                values.add(code.group(1));
            } else if (piece.trim().matches("[0-9][0-9,.]*")) {
                values.add(piece.trim());
            } else {
                return Optional.empty();
            }
        }
        if (values.size() == 1 && properties > 1) {
            return Optional.of(Collections.nCopies(properties, values.get(0)));
        }
        if (values.size() != properties) {
            throw new AssertionError(
                    "'" + cell + "' gives " + values.size() + " defaults for " + properties + " settings");
        }
        return Optional.of(values);
    }

    private static String normalized(String value) {
        return value.matches("[0-9][0-9,]*") ? value.replace(",", "") : value;
    }

    /** Every variable that sets a setting, and the setting. */
    private Map<String, String> knownVariables() {
        Map<String, String> variables = new TreeMap<>();
        Stream.concat(mapped.stream(), shipped.names().stream())
                .filter(p -> !p.contains("*"))
                .forEach(p -> variables.put(variableOf(p), p));
        shipped.names().forEach(p -> shipped.variableOf(p).ifPresent(v -> variables.put(v, p)));
        return variables;
    }

    private static String variableOf(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private boolean matchesMapped(String name) {
        return mapped.stream()
                .anyMatch(p -> name.matches(Arrays.stream(p.split("\\*", -1))
                        .map(Pattern::quote)
                        .reduce((a, b) -> a + "[^.]+" + b)
                        .orElseThrow()));
    }

    private static List<JavaClass> mappings() {
        return PRODUCTION.stream()
                .filter(c -> c.isAnnotatedWith(ConfigMapping.class))
                .toList();
    }

    private static Stream<JavaClass> nestedGroups(JavaClass mapping) {
        return PRODUCTION.stream()
                .filter(c -> c.getEnclosingClass().map(mapping::equals).orElse(false))
                .flatMap(c -> Stream.concat(Stream.of(c), nestedGroups(c)));
    }

    private static Set<String> mappedProperties() {
        Set<String> properties = new TreeSet<>();
        for (JavaClass mapping : mappings()) {
            Class<?> type = mapping.reflect();
            String prefix = type.getAnnotation(ConfigMapping.class).prefix();
            // A list is listed as name[*]; it is set and documented by its name.
            ConfigMappings.getProperties(ConfigMappings.ConfigClass.configClass(type, prefix))
                    .keySet()
                    .forEach(name -> properties.add(name.replace("[*]", "")));
        }
        return properties;
    }

    /** The rows of every settings table (one with a variable column, and no "read by" column of the scripts). */
    private static List<Row> documentedRows() {
        List<String> lines;
        try {
            lines = Files.readAllLines(REFERENCE, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + REFERENCE.toAbsolutePath(), e);
        }
        List<Row> rows = new ArrayList<>();
        List<String> header = List.of();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (!line.startsWith("|")) {
                header = List.of();
                continue;
            }
            List<String> cells = cells(line);
            if (header.isEmpty()) {
                header = cells.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
                i++; // the | --- | line
                continue;
            }
            int variable = header.indexOf("variable");
            if (variable < 0 || header.contains("read by")) {
                continue;
            }
            int property = header.indexOf("property");
            rows.add(new Row(
                    i + 1,
                    codes(cells.get(variable)),
                    property < 0 ? List.of() : properties(cells.get(property)),
                    cells.get(header.indexOf("default"))));
        }
        return rows;
    }

    private static List<String> cells(String line) {
        String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
        return Arrays.stream(inner.split("\\|", -1)).map(String::trim).toList();
    }

    private static List<String> codes(String cell) {
        List<String> codes = new ArrayList<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }

    /** {@code `comeback.a.open`, `.close`}: a name starting with a dot replaces the last part of the one before. */
    private static List<String> properties(String cell) {
        List<String> properties = new ArrayList<>();
        for (String code : codes(cell)) {
            String name = code.replaceAll("<[^>]+>", "*");
            if (name.startsWith(".") && !properties.isEmpty()) {
                String previous = properties.get(properties.size() - 1);
                name = previous.substring(0, previous.lastIndexOf('.')) + name;
            }
            properties.add(name);
        }
        return properties;
    }
}
