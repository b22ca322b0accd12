package io.comeback.flows;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    /**
     * Quarkus loads this class once to configure the service and again with the test class (another class
     * loader): a system property, shared by both, makes them name the same folder.
     */
    private static synchronized Path folder() {
        String known = System.getProperty("comeback.test.flow-folder");
        if (known != null) {
            return Path.of(known);
        }
        try {
            Path dir = Files.createTempDirectory("comeback-flows-");
            System.setProperty("comeback.test.flow-folder", dir.toString());
            dir.toFile().deleteOnExit();
            // Sorted by id, the flow whose detection fails comes first: the other must still be detected.
            Files.writeString(dir.resolve(POISONED_FLOW + ".yaml"), inactive(POISONED_FLOW, """
                    entry:
                      audience:
                        - attribute: score
                          at_least: 5
                    """));
            Files.writeString(dir.resolve(PLAIN_FLOW + ".yaml"), inactive(PLAIN_FLOW, ""));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
