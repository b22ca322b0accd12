package io.comeback.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Flows folders of a test profile's own, so the flows it runs on never meet those of other tests. */
public final class FlowFolders {

    /** Writes a new folder's flows. */
    @FunctionalInterface
    public interface Contents {
        void write(Path dir) throws IOException;
    }

    private FlowFolders() {}

    /**
     * The folder the system property names, or a new temporary one (named {@code prefix…}) with {@code contents}
     * written into it. Quarkus loads a profile class once to configure the service and again with the test class
     * (another class loader): the property, shared by both, makes them name the same folder.
     */
    public static synchronized Path shared(String property, String prefix, Contents contents) {
        String known = System.getProperty(property);
        if (known != null) {
            return Path.of(known);
        }
        try {
            Path dir = Files.createTempDirectory(prefix);
            System.setProperty(property, dir.toString());
            dir.toFile().deleteOnExit();
            contents.write(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A flow of one kind ({@code marketing}, {@code transactional}) whose one step sends {@code text}, no quiet hours. */
    public static void writeOneTextFlow(Path dir, String id, String kind, String triggerAndEntry, String text)
            throws IOException {
        Files.writeString(dir.resolve(id + ".yaml"), """
                id: %s
                settings:
                  kind: %s
                  quiet_hours: none
                %s
                steps:
                  - id: hello
                    send:
                      text: "%s"
                """.formatted(id, kind, triggerAndEntry, text));
    }

    /** Overrides for a profile with this flows folder and the runtime's background loops off (tests drive it). */
    public static Map<String, String> withRuntimeOff(Path folder) {
        return Map.of("comeback.flows-dir", folder.toString(), "comeback.runtime.enabled", "false");
    }
}
