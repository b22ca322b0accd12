package io.comeback.engine.parse;

import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads single values out of YAML nodes. The parser looks at the text as written rather than
 * at YAML's own typing, so {@code max_segments: "3"} and {@code max_segments: 3} mean the same
 * and every type error can say what to write.
 */
final class Scalars {

    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d{1,9}");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?\\d{1,9}(\\.\\d+)?");

    private Scalars() {}

    /** An empty value ({@code key:}), {@code ~} or {@code null}: the same as leaving the key out. */
    static boolean isNull(Node node) {
        if (!(node instanceof ScalarNode scalar) || scalar.getScalarStyle() != ScalarStyle.PLAIN) {
            return false;
        }
        String v = scalar.getValue();
        return v.isEmpty() || v.equals("~") || v.equals("null") || v.equals("Null") || v.equals("NULL");
    }

    /** How a node's shape reads in a message: "a list", "a mapping", "text". */
    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping (key: value lines)";
        }
        if (node instanceof SequenceNode) {
            return "a list (lines starting with -)";
        }
        return "`" + ((ScalarNode) node).getValue() + "`";
    }

    static Optional<String> text(Node node, String path, Problems problems, String expected) {
        if (node instanceof ScalarNode scalar) {
            return Optional.of(scalar.getValue());
        }
        problems.error(node, path, "Expected " + expected + " here, found " + describe(node) + ".");
        return Optional.empty();
    }

    static Optional<Integer> integer(Node node, String path, Problems problems, int min, int max) {
        Optional<String> text = text(node, path, problems, "a whole number");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String v = text.get().trim();
        if (!INTEGER.matcher(v).matches()) {
            problems.error(
                    node, path, "`" + v + "` is not a whole number: write a number from " + min + " to " + max + ".");
            return Optional.empty();
        }
        int n = Integer.parseInt(v.startsWith("+") ? v.substring(1) : v);
        if (n < min || n > max) {
            problems.error(node, path, n + " is out of range: write a number from " + min + " to " + max + ".");
            return Optional.empty();
        }
        return Optional.of(n);
    }

    static Optional<Double> decimal(Node node, String path, Problems problems, double min, double max) {
        Optional<String> text = text(node, path, problems, "a number");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String v = text.get().trim().replace(',', '.');
        if (!DECIMAL.matcher(v).matches()) {
            problems.error(node, path, "`" + text.get() + "` is not a number: write e.g. 2 or 1.5.");
            return Optional.empty();
        }
        double d = Double.parseDouble(v);
        if (d < min || d > max) {
            problems.error(
                    node, path, v + " is out of range: write a number from " + fmt(min) + " to " + fmt(max) + ".");
            return Optional.empty();
        }
        return Optional.of(d);
    }

    static Optional<Boolean> bool(Node node, String path, Problems problems) {
        Optional<String> text = text(node, path, problems, "true or false");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String v = text.get().trim();
        if (v.equals("true") || v.equals("false")) {
            return Optional.of(Boolean.parseBoolean(v));
        }
        problems.error(node, path, "`" + v + "` is not true or false: write true or false.");
        return Optional.empty();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
