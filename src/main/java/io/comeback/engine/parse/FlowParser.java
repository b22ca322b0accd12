package io.comeback.engine.parse;

import io.comeback.engine.model.EntryRules;
import io.comeback.engine.model.Flow;
import io.comeback.engine.model.FlowSettings;
import io.comeback.engine.model.Link;
import io.comeback.engine.model.Problem;
import io.comeback.engine.model.SourceLocation;
import io.comeback.engine.model.Step;
import io.comeback.engine.model.Trigger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Turns the text of a flow file into a {@link Flow}, walking snakeyaml-engine's node tree so
 * every element and every problem keeps its line and column. Strict: unknown keys, duplicate
 * keys and wrong types are errors. It reports all it finds in one pass.
 */
public final class FlowParser {

    static final List<String> KEYS = Vocabulary.FLOW;
    private static final Pattern FLOW_ID = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final Pattern LINK_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    public ParsedFlow parse(String source) {
        Problems problems = new Problems();
        Optional<Node> root = compose(source, problems);
        if (root.isEmpty()) {
            return new ParsedFlow(Optional.empty(), problems.all());
        }
        Optional<YamlMap> top = YamlMap.of(root.get(), "", problems, Problems.at(root.get()), KEYS, "a flow file");
        if (top.isEmpty()) {
            return new ParsedFlow(Optional.empty(), problems.all());
        }
        Flow flow = read(top.get(), source, problems);
        return new ParsedFlow(Optional.of(flow), problems.all());
    }

    Optional<Node> compose(String source, Problems problems) {
        try {
            Iterator<Node> documents = YamlLimits.documents(source);
            if (!documents.hasNext()) {
                problems.error(
                        new SourceLocation(1, 1),
                        "",
                        "The file is empty: a flow needs at least `id`, " + "`trigger` and `steps`.");
                return Optional.empty();
            }
            Node first = documents.next();
            Optional<YamlLimits.Breach> breach = YamlLimits.check(first);
            if (breach.isPresent()) {
                problems.error(breach.get().at(), "", breach.get().message());
                return Optional.empty();
            }
            if (documents.hasNext()) {
                Node second = documents.next();
                problems.error(
                        Problems.at(second),
                        "",
                        "One flow per file: remove the `---` and everything after it, "
                                + "or move it to its own file.");
            }
            return Optional.of(first);
        } catch (YamlLimits.TooDeep e) {
            SourceLocation at = Problems.at(e.getProblemMark());
            problems.error(at.isKnown() ? at : new SourceLocation(1, 1), "", YamlLimits.tooDeepMessage());
        } catch (MarkedYamlEngineException e) {
            SourceLocation at = Problems.at(YamlSyntax.bestMark(e));
            problems.error(at.isKnown() ? at : new SourceLocation(1, 1), "", YamlSyntax.explain(e));
        } catch (YamlEngineException e) {
            problems.error(new SourceLocation(1, 1), "", YamlSyntax.explainUnmarked(e));
        }
        return Optional.empty();
    }

    private Flow read(YamlMap top, String source, Problems problems) {
        List<String> lines = List.of(source.split("\r?\n", -1));
        String id = top.requiredText("id", "give the flow a short name, e.g. `id: winback` (best: the file name).")
                .map(String::trim)
                .orElse("");
        if (!id.isEmpty() && !FLOW_ID.matcher(id).matches()) {
            problems.error(
                    top.value("id").orElseThrow(),
                    "id",
                    "`" + id + "` is not a usable flow id: use lower-case " + "letters, digits, _ and -, e.g. `"
                            + id.toLowerCase().replaceAll("[^a-z0-9_-]+", "_") + "`.");
        }
        String name = top.text("name").map(String::trim).orElse(id);
        String description = top.text("description").map(String::trim).orElse("");
        FlowSettings settings =
                new SettingsReader(problems).read(top.map("settings", SettingsReader.KEYS, "`settings`"));
        Optional<Trigger> trigger = top.required(
                        "trigger", "say what starts the flow, e.g. `trigger: customer_created`.")
                .flatMap(n -> new TriggerReader(problems).read(n, "trigger", top.keyLocation("trigger")));
        EntryRules entry = new EntryReader(problems).read(top.map("entry", EntryReader.KEYS, "`entry`"));
        Map<String, Link> links = links(top, problems);
        List<Step> steps = steps(top, problems, new TextReader(lines, problems), settings.defaultLocale());
        return new Flow(
                id,
                name,
                description,
                version(source),
                settings,
                trigger.orElseGet(() -> new Trigger.CustomerCreated(top.keyLocation("trigger"))),
                entry,
                links,
                steps,
                top.location());
    }

    static Map<String, Link> links(YamlMap top, Problems problems) {
        Map<String, Link> links = new LinkedHashMap<>();
        Optional<Node> node = top.value("links");
        if (node.isEmpty()) {
            return links;
        }
        LinkTable.read(node.get(), problems, LINK_NAME).forEach(l -> links.put(l.name(), l));
        return links;
    }

    private List<Step> steps(YamlMap top, Problems problems, TextReader texts, String defaultLocale) {
        top.required("steps", "list what the flow does, e.g. `steps: [{id: hello, send: {text: \"Hei!\"}}]`.");
        List<Node> items = top.list("steps", "steps");
        if (items.isEmpty() && top.has("steps")) {
            problems.error(top.keyLocation("steps"), "steps", "`steps` is empty: add at least one step.");
        }
        StepReader reader = new StepReader(problems, texts, defaultLocale);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            reader.read(items.get(i), "steps[" + i + "]").ifPresent(steps::add);
        }
        return steps;
    }

    /** Content hash: equal text, equal version; any edit makes a new version. */
    static String version(String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Convenience for callers that only want the problems. */
    public List<Problem> problems(String source) {
        return parse(source).problems();
    }
}
