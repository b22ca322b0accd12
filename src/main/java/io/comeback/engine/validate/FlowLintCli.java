package io.comeback.engine.validate;

import io.comeback.engine.model.Problem;
import io.comeback.engine.model.Severity;
import io.comeback.engine.model.SourceLocation;
import io.comeback.engine.model.Step;
import io.comeback.engine.text.LinkShape;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Validates flow files from the command line, for marketers' CI:
 * {@code FlowLintCli [--languages sv,da,nb,en] [folder-or-file ...]} (default {@code flows/}). With
 * {@code --languages}, every marketing flow that has no text in one of those languages (after the runtime's fallback:
 * same language under another tag, family, default) gets a warning saying what those readers get instead. Prints
 * {@code file:line:column: severity: message} per problem and exits 1 when any file has an error,
 * 2 when a path cannot be read, 0 otherwise. Folders are searched for {@code *.yaml}/{@code *.yml}
 * at their top level only, so {@code flows/tests/} scenario files are not taken for flows.
 */
public final class FlowLintCli {

    private final PrintStream out;
    // Links are counted as the service sends them: short links on its public URL when one is set here as there.
    private final FlowValidator validator = new FlowValidator(LinkShape.on(baseUrl()));

    FlowLintCli(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(new FlowLintCli(System.out).run(args));
    }

    /** Returns the exit code instead of exiting, so tests can call it. */
    int run(String... args) {
        List<String> targets = new ArrayList<>();
        List<String> languages = List.of();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--languages") || args[i].startsWith("--languages=")) {
                String list = args[i].startsWith("--languages=")
                        ? args[i].substring("--languages=".length())
                        : (i + 1 < args.length ? args[++i] : "");
                languages = List.of(list.split(",")).stream()
                        .map(String::trim)
                        .filter(l -> !l.isEmpty())
                        .toList();
                if (languages.isEmpty()) {
                    out.println("--languages: error: name the languages, e.g. --languages sv,da,nb,en");
                    return 2;
                }
            } else {
                targets.add(args[i]);
            }
        }
        if (targets.isEmpty()) {
            targets.add("flows");
        }
        List<Path> files = new ArrayList<>();
        for (String target : targets) {
            Path path = Path.of(target);
            if (Files.isDirectory(path)) {
                files.addAll(flowFilesIn(path));
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                out.println(target + ": error: no such file or folder");
                return 2;
            }
        }
        int errors = 0;
        int warnings = 0;
        for (Path file : files) {
            List<Problem> problems = validate(file, languages);
            for (Problem p : problems) {
                out.println(file + ":" + p.line() + ":" + p.column() + ": "
                        + p.severity().label() + ": " + p.message()
                        + (p.path().isEmpty() ? "" : " [" + p.path() + "]"));
            }
            errors += (int) problems.stream().filter(Problem::isError).count();
            warnings += (int) problems.stream()
                    .filter(p -> p.severity() == Severity.WARNING)
                    .count();
        }
        out.println(files.size() + " flow file(s) checked: " + errors + " error(s), " + warnings + " warning(s).");
        return errors > 0 ? 1 : 0;
    }

    private List<Problem> validate(Path file, List<String> languages) {
        try {
            String source = Files.readString(file, StandardCharsets.UTF_8);
            ValidationResult result = validator.validate(source);
            List<Problem> problems = new ArrayList<>(result.problems());
            FileNameCheck.check(file, result, problems);
            result.flow()
                    .filter(f -> f.settings().isMarketing())
                    .ifPresent(flow -> LanguageCoverage.gaps(flow, languages).forEach(gap -> {
                        SourceLocation at = flow.step(gap.steps().get(0))
                                .map(Step::location)
                                .orElse(flow.location());
                        problems.add(new Problem(
                                Severity.WARNING,
                                at.line(),
                                at.column(),
                                "steps." + gap.steps().get(0),
                                "--languages names " + LanguageCoverage.name(gap.language()) + " (" + gap.language()
                                        + "); " + gap.lacking()));
                    }));
            return problems;
        } catch (IOException e) {
            return List.of(new Problem(Severity.ERROR, 1, 1, "", "cannot read the file: " + e.getMessage()));
        }
    }

    /** COMEBACK_LINKS_BASE_URL, else COMEBACK_PUBLIC_URL, as the service reads them; none: links as written. */
    static String baseUrl() {
        String links = System.getenv("COMEBACK_LINKS_BASE_URL");
        return links != null && !links.isBlank() ? links : System.getenv("COMEBACK_PUBLIC_URL");
    }

    private static List<Path> flowFilesIn(Path folder) {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(
                            p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
