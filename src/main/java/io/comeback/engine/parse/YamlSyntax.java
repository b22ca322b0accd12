package io.comeback.engine.parse;

import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/**
 * Rephrases snakeyaml's syntax errors for people who do not know YAML's grammar: what probably
 * went wrong and what to write instead. Unknown ones pass through with their original wording.
 */
final class YamlSyntax {

    private YamlSyntax() {}

    /**
     * Where to point: for an unclosed quote the problem is found at the end of the file, but the
     * place to fix is where the quote opened (the context mark).
     */
    static java.util.Optional<org.snakeyaml.engine.v2.exceptions.Mark> bestMark(MarkedYamlEngineException e) {
        String context = e.getContext() == null ? "" : e.getContext();
        if (context.contains("quoted scalar") && e.getContextMark().isPresent()) {
            return e.getContextMark();
        }
        return e.getProblemMark().or(e::getContextMark);
    }

    static String explain(MarkedYamlEngineException e) {
        String problem = e.getProblem() == null ? "" : e.getProblem();
        String context = e.getContext() == null ? "" : e.getContext();
        if (problem.contains("mapping values are not allowed here")) {
            return "Unexpected `:` — a text containing `: ` must be in quotes, e.g. text: \"Hei: her er koden\".";
        }
        if (problem.contains("(TAB)") || problem.contains("\t")) {
            return "A tab character: YAML indents with spaces only. Replace the tab with spaces.";
        }
        if (context.contains("quoted scalar")) {
            return "A quote is never closed: end the text with the same quote it starts with (\" or ').";
        }
        if (problem.contains("could not find expected ':'")) {
            return "Expected `key: value` here — a `:` is missing, or the line above is not indented like its neighbours.";
        }
        if (problem.startsWith("expected <block end>") || problem.contains("did not find expected")) {
            return "The indentation does not line up: items of the same list or mapping must start in the same "
                    + "column (" + problem + ").";
        }
        if (problem.contains("found undefined alias") || problem.contains("found undefined anchor")) {
            return "An alias (*name) refers to an anchor (&name) that is not defined above it.";
        }
        String detail = context.isEmpty() ? problem : problem + " (" + context + ")";
        return "This is not valid YAML: " + detail + ".";
    }

    /** Errors without a place: snakeyaml's limits on the whole file. */
    static String explainUnmarked(org.snakeyaml.engine.v2.exceptions.YamlEngineException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("Number of aliases for non-scalar nodes")) {
            return "The file repeats lists or mappings through aliases (*name) more than "
                    + YamlLimits.MAX_COLLECTION_ALIASES + " times. Write the repeated parts out, or repeat fewer.";
        }
        return "This is not valid YAML: " + message;
    }
}
