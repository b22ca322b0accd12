package io.comeback.engine.run;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Command line for flow scenario tests, for marketers' CI:
 * {@code java -cp … io.comeback.engine.run.ScenarioCli [flows-folder] [scenario.yaml …]}.
 * Runs every {@code <flows>/tests/*.yaml} (or only the files named), prints PASS/FAIL with the
 * reasons and the simulated timeline of each failure, and exits 0 when all pass, 1 when any
 * fails, 2 when the folder does not exist or holds no scenario.
 */
public final class ScenarioCli {

    private ScenarioCli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path flows = Path.of(args.length > 0 ? args[0] : "flows");
        if (!Files.isDirectory(flows)) {
            err.println("No flows folder at " + flows.toAbsolutePath()
                    + ". Usage: ScenarioCli [flows-folder] [scenario.yaml ...]");
            return 2;
        }
        ScenarioRunner runner = new ScenarioRunner(flows);
        List<Path> files = args.length > 1
                ? List.of(args).subList(1, args.length).stream().map(Path::of).toList()
                : runner.scenarioFiles();
        if (files.isEmpty()) {
            err.println("No scenarios in " + flows.resolve("tests").toAbsolutePath());
            return 2;
        }
        int failed = 0;
        for (Path file : files) {
            ScenarioResult result = runner.run(file);
            out.print(result.report());
            failed += result.passed() ? 0 : 1;
        }
        out.println((files.size() - failed) + " of " + files.size() + " scenarios passed");
        return failed == 0 ? 0 : 1;
    }
}
