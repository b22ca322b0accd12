package io.comeback.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A flows folder of the editor tests' own, empty at start, so what they publish never disturbs the flows other tests
 * run on; the runtime is driven step by step as in {@link ManualRuntimeProfile}. Publishing reloads the catalog
 * itself, so the folder is not watched here.
 */
public class EditorFlowsProfile implements QuarkusTestProfile {

    public static final Path FOLDER = folder();

    /** Quarkus loads this class in two class loaders; a system property makes both name the same folder. */
    private static synchronized Path folder() {
        String known = System.getProperty("comeback.test.editor-flow-folder");
        if (known != null) {
            return Path.of(known);
        }
        try {
            Path dir = Files.createTempDirectory("comeback-editor-flows-");
            System.setProperty("comeback.test.editor-flow-folder", dir.toString());
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("comeback.flows-dir", FOLDER.toString(), "comeback.runtime.enabled", "false");
    }
}
