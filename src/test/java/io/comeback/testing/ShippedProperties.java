package io.comeback.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * application.properties as it ships, without a profile: each setting with the value a production start gets when
 * no variable is set. A value {@code ${VAR:default}} gives its default, and names the variable that replaces it.
 */
public final class ShippedProperties {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?::(.*))?}", Pattern.DOTALL);

    private final Map<String, String> raw;
    private final Set<String> profiled;

    private ShippedProperties(Map<String, String> raw, Set<String> profiled) {
        this.raw = raw;
        this.profiled = profiled;
    }

    public static ShippedProperties load() {
        Properties properties = new Properties();
        try (InputStream in = ShippedProperties.class.getResourceAsStream("/application.properties")) {
            if (in == null) {
                throw new IllegalStateException("application.properties is not on the class path");
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> raw = new TreeMap<>();
        Set<String> profiled = new TreeSet<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith("%")) {
                profiled.add(name.substring(name.indexOf('.') + 1));
            } else {
                raw.put(name, properties.getProperty(name));
            }
        }
        return new ShippedProperties(raw, profiled);
    }

    /** The shipped value of one setting; fails when application.properties does not set it. */
    public static String value(String name) {
        return load().valueOf(name).orElseThrow(() -> new AssertionError(name + " is not in application.properties"));
    }

    /** Every setting application.properties sets outside a profile, with its shipped value. */
    public Map<String, String> values() {
        Map<String, String> values = new TreeMap<>();
        raw.keySet().forEach(name -> values.put(name, valueOf(name).orElseThrow()));
        return values;
    }

    /** Every setting the file names, in a profile ({@code %test.comeback.x} as {@code comeback.x}) or not. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>(raw.keySet());
        names.addAll(profiled);
        return names;
    }

    public Optional<String> valueOf(String name) {
        String value = raw.get(name);
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = VARIABLE.matcher(value);
        return Optional.of(m.matches() ? (m.group(2) == null ? "" : m.group(2)) : value);
    }

    /** The variable a setting's value names ({@code ${VAR:default}}), if it names one. */
    public Optional<String> variableOf(String name) {
        String value = raw.get(name);
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = VARIABLE.matcher(value);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
