package io.comeback.flows;

import io.comeback.testing.FlowFolders;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A flows folder of the test's own, watched as in production, holding two inactive flows: the tests
 * write files into it and see the watcher reload them, and run detection over just these flows.
 */
public class FlowFolderProfile implements QuarkusTestProfile {

    static final Path FOLDER = folder();

    static final String POISONED_FLOW = "iso_a_scored";
    static final String PLAIN_FLOW = "iso_b_plain";

    private static Path folder() {
        return FlowFolders.shared("comeback.test.flow-folder", "comeback-flows-", dir -> {
            // Sorted by id, the flow whose detection fails comes first: the other must still be detected.
            Files.writeString(dir.resolve(POISONED_FLOW + ".yaml"), inactive(POISONED_FLOW, """
                    entry:
                      audience:
                        - attribute: score
                          at_least: 5
                    """));
            Files.writeString(dir.resolve(PLAIN_FLOW + ".yaml"), inactive(PLAIN_FLOW, ""));
        });
    }

    private static String inactive(String id, String entry) {
        return """
                id: %s
                settings:
                  kind: marketing
                  quiet_hours: none
                trigger:
                  inactive:
                    no_purchase_for: P90D
                %s
                steps:
                  - id: offer
                    send:
                      text: "Vi savner deg! Svar STOPP for å melde deg av."
                """.formatted(id, entry);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        // The profiled name too: application.properties turns watching off under %test, and that wins over
        // an override of the plain name.
        return Map.of(
                "comeback.flows-dir",
                FOLDER.toString(),
                "comeback.flows.watch",
                "true",
                "%test.comeback.flows.watch",
                "true",
                "comeback.runtime.enabled",
                "false");
    }
}
