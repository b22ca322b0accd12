package io.comeback.engine.parse;

import io.comeback.engine.model.LocalizedText;
import io.comeback.engine.model.SourceLocation;
import io.comeback.engine.model.TextVariant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads a message text: either one string (stored under the flow's default locale) or a mapping
 * from language tag to string. Works out where each line of the text sits in the file so that a
 * problem inside the text can point at the exact character.
 */
final class TextReader {

    private static final Pattern LOCALE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})?");

    private final List<String> sourceLines;
    private final Problems problems;

    TextReader(List<String> sourceLines, Problems problems) {
        this.sourceLines = sourceLines;
        this.problems = problems;
    }

    Optional<LocalizedText> read(Node node, String path, String defaultLocale) {
        Map<String, TextVariant> variants = new LinkedHashMap<>();
        if (node instanceof ScalarNode scalar) {
            variants.put(defaultLocale, variant(defaultLocale, scalar));
        } else if (node instanceof MappingNode mapping) {
            readLocales(mapping, path, variants);
        } else {
            problems.error(
                    node,
                    path,
                    "Expected the message text, or one text per language (nb: ..., en: ...), " + "found "
                            + Scalars.describe(node) + ".");
            return Optional.empty();
        }
        if (variants.isEmpty()) {
            problems.error(node, path, "The text is empty: write the message, e.g. `nb: \"Hei!\"` and `en: \"Hi!\"`.");
            return Optional.empty();
        }
        return Optional.of(new LocalizedText(variants, Problems.at(node)));
    }

    private void readLocales(MappingNode mapping, String path, Map<String, TextVariant> variants) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                problems.error(tuple.getKeyNode(), path, "A language must be a tag such as nb or en.");
                continue;
            }
            String locale = key.getValue();
            String localePath = path + "." + locale;
            if (!LOCALE.matcher(locale).matches()) {
                problems.error(
                        key,
                        localePath,
                        "`" + locale + "` is not a language tag: write a lower-case tag such as "
                                + "nb, nn, en, sv, da or en-GB.");
                continue;
            }
            if (variants.containsKey(locale)) {
                problems.error(
                        key,
                        localePath,
                        "Duplicate key `" + locale + "`: the text for " + locale + " is already given on line "
                                + variants.get(locale).location().line() + ". Keep one of them.");
                continue;
            }
            if (!(tuple.getValueNode() instanceof ScalarNode value) || Scalars.isNull(tuple.getValueNode())) {
                problems.error(
                        tuple.getValueNode(),
                        localePath,
                        "Expected the " + locale + " text here, found "
                                + (Scalars.isNull(tuple.getValueNode())
                                        ? "nothing"
                                        : Scalars.describe(tuple.getValueNode()))
                                + ".");
                continue;
            }
            variants.put(locale, variant(locale, value));
        }
    }

    private TextVariant variant(String locale, ScalarNode scalar) {
        return new TextVariant(locale, scalar.getValue(), Problems.at(scalar), lineStarts(scalar));
    }

    /**
     * Exact positions for the styles where the text in the file is the value character for
     * character; none (fall back to the start of the text) where YAML folds or unescapes.
     */
    private List<SourceLocation> lineStarts(ScalarNode scalar) {
        SourceLocation start = Problems.at(scalar);
        if (!start.isKnown()) {
            return List.of();
        }
        String value = scalar.getValue();
        ScalarStyle style = scalar.getScalarStyle();
        if (style == ScalarStyle.PLAIN && !value.contains("\n")) {
            return sourceMatches(start.line(), start.column(), value) ? List.of(start) : List.of();
        }
        if ((style == ScalarStyle.DOUBLE_QUOTED || style == ScalarStyle.SINGLE_QUOTED) && !value.contains("\n")) {
            SourceLocation inside = new SourceLocation(start.line(), start.column() + 1);
            return sourceMatches(inside.line(), inside.column(), value) ? List.of(inside) : List.of();
        }
        if (style == ScalarStyle.LITERAL) {
            return literalLineStarts(start.line() + 1, value);
        }
        return List.of();
    }

    private List<SourceLocation> literalLineStarts(int firstLine, String value) {
        String[] lines = value.split("\n", -1);
        int indent = -1;
        List<SourceLocation> starts = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            int lineNo = firstLine + i;
            if (lineNo > sourceLines.size()) {
                break;
            }
            String source = sourceLines.get(lineNo - 1);
            if (indent < 0 && !source.isBlank()) {
                indent = source.length() - source.stripLeading().length();
            }
            int column = Math.max(indent, 0) + 1;
            if (!lines[i].isEmpty() && !sourceMatches(lineNo, column, lines[i])) {
                return List.of();
            }
            starts.add(new SourceLocation(lineNo, column));
        }
        return starts;
    }

    private boolean sourceMatches(int line, int column, String text) {
        if (line < 1 || line > sourceLines.size()) {
            return false;
        }
        String source = sourceLines.get(line - 1);
        int from = column - 1;
        return from >= 0 && source.startsWith(text, from);
    }
}
