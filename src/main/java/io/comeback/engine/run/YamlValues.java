package io.comeback.engine.run;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A YAML mapping loaded as plain Java values, read with errors that name the file and key path. */
final class YamlValues {

    private final Path file;
    private final String path;
    private final Map<?, ?> map;

    YamlValues(Path file, String path, Object node, Set<String> allowedKeys) {
        this.file = file;
        this.path = path;
        if (!(node instanceof Map<?, ?> m)) {
            throw new ScenarioFormatException(
                    file + ": " + (path.isEmpty() ? "the file" : path) + " must be a mapping");
        }
        this.map = m;
        for (Object key : m.keySet()) {
            if (!allowedKeys.contains(String.valueOf(key))) {
                throw new ScenarioFormatException(file + ": unknown key '" + join(key) + "'; allowed here: "
                        + String.join(", ", new TreeSet<>(allowedKeys)));
            }
        }
    }

    Object raw(String key) {
        return map.get(key);
    }

    String string(String key, String fallback) {
        Object value = map.get(key);
        return value == null ? fallback : value.toString();
    }

    String requiredString(String key) {
        Object value = map.get(key);
        if (value == null || value.toString().isBlank()) {
            throw error(key, "is required");
        }
        return value.toString();
    }

    boolean bool(String key) {
        return Boolean.TRUE.equals(map.get(key));
    }

    BigDecimal decimal(String key) {
        try {
            return ScenarioReader.decimalOf(map.get(key));
        } catch (NumberFormatException e) {
            throw error(key, "must be a number such as 499.00");
        }
    }

    Map<String, String> stringMap(String key) {
        Object value = map.get(key);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw error(key, "must be a mapping of names to values");
        }
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v == null ? null : v.toString()));
        return out;
    }

    YamlValues child(String key, Set<String> allowedKeys) {
        if (map.get(key) == null) {
            throw error(key, "is required");
        }
        return new YamlValues(file, join(key), map.get(key), allowedKeys);
    }

    List<YamlValues> list(String key, Set<String> allowedKeys) {
        Object value = map.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items)) {
            throw error(key, "must be a list");
        }
        List<YamlValues> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            out.add(new YamlValues(file, join(key) + "[" + i + "]", items.get(i), allowedKeys));
        }
        return out;
    }

    ScenarioFormatException error(String key, String message) {
        return new ScenarioFormatException(file + ": " + join(key) + " " + message);
    }

    private String join(Object key) {
        return path.isEmpty() ? String.valueOf(key) : path + "." + key;
    }
}
