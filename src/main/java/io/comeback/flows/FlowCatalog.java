package io.comeback.flows;

import io.comeback.audience.links.ShortLinkForm;
import io.comeback.engine.model.Flow;
import io.comeback.engine.model.Problem;
import io.comeback.engine.model.Severity;
import io.comeback.engine.model.Trigger;
import io.comeback.engine.validate.FlowValidator;
import io.comeback.engine.validate.ValidationResult;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The flows in {@code COMEBACK_FLOWS_DIR} (default {@code flows/}). A file with errors is refused
 * with its problems logged and listed, and never stops the other flows.
 */
@ApplicationScoped
public class FlowCatalog {

    private static final Logger LOG = Logger.getLogger(FlowCatalog.class);

    public enum Status {
        ACTIVE,
        INVALID
    }

    public record Entry(String id, String file, String version, Status status, List<Problem> problems, Flow flow) {}

    private final Path folder;
    private final FlowVersions versions;
    private final FlowValidator validator;
    private volatile List<Entry> entries = List.of();

    /** Where an entry's file lies; entries name only the file, so no listing shows the server's folders. */
    public Path sourceOf(Entry entry) {
        return folder.resolve(entry.file());
    }

    public FlowCatalog(FlowsDirConfig folder, FlowVersions versions, ShortLinkForm links) {
        this.folder = Path.of(folder.folder());
        this.versions = versions;
        // Texts are measured with links as they are sent: short links on the service's public URL.
        this.validator = new FlowValidator(links.shape());
    }

    void onStart(@Observes StartupEvent event) {
        reload();
    }

    public synchronized List<Entry> reload() {
        List<Entry> loaded = new ArrayList<>();
        for (Path file : flowFiles()) {
            Entry entry = load(file);
            loaded.add(entry);
            if (entry.status() == Status.INVALID) {
                LOG.warnf(
                        "Flow file %s refused:%n  %s",
                        file,
                        String.join(
                                "\n  ",
                                entry.problems().stream()
                                        .filter(Problem::isError)
                                        .map(p -> file + ":" + p.format())
                                        .toList()));
            }
        }
        loaded.sort(Comparator.comparing(Entry::id));
        entries = List.copyOf(loaded);
        LOG.infof(
                "Flow catalog %s: %d active, %d refused",
                folder.toAbsolutePath().normalize(),
                loaded.stream().filter(e -> e.status() == Status.ACTIVE).count(),
                loaded.stream().filter(e -> e.status() == Status.INVALID).count());
        return entries;
    }

    public List<Entry> all() {
        return entries;
    }

    public Optional<Flow> active(String id) {
        return entries.stream()
                .filter(e -> e.id().equals(id) && e.status() == Status.ACTIVE)
                .map(Entry::flow)
                .findFirst();
    }

    /** The active flows started by this kind of trigger, e.g. {@code Trigger.OrderPlaced.class}. */
    public <T extends Trigger> List<Flow> activeWith(Class<T> trigger) {
        return entries.stream()
                .filter(e -> e.status() == Status.ACTIVE
                        && trigger.isInstance(e.flow().trigger()))
                .map(Entry::flow)
                .toList();
    }

    public Optional<Entry> entry(String id) {
        return entries.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    private Entry load(Path file) {
        String fileId = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        String source;
        try {
            source = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return refused(fileId, file, "cannot read the file: " + e.getMessage());
        }
        ValidationResult result;
        try {
            result = validator.validate(source);
        } catch (RuntimeException | StackOverflowError e) {
            // The validator reports problems instead of throwing; should some input make it throw anyway,
            // that file alone is refused and the others still load.
            LOG.errorf(e, "Checking flow file %s failed", file);
            return refused(
                    fileId,
                    file,
                    "the file could not be checked (" + e.getClass().getSimpleName()
                            + "); the other flows are not affected");
        }
        // A flow is known by its file name, so an id that differs cannot shadow another file.
        result.flow().ifPresent(f -> versions.remember(FlowVersions.withId(f, fileId), source));
        return result.flow()
                .map(f -> new Entry(
                        fileId,
                        file.getFileName().toString(),
                        f.version(),
                        Status.ACTIVE,
                        result.problems(),
                        FlowVersions.withId(f, fileId)))
                .orElseGet(() -> new Entry(
                        fileId, file.getFileName().toString(), null, Status.INVALID, result.problems(), null));
    }

    private static Entry refused(String fileId, Path file, String why) {
        return new Entry(
                fileId,
                file.getFileName().toString(),
                null,
                Status.INVALID,
                List.of(new Problem(Severity.ERROR, 1, 1, "", why)),
                null);
    }

    private List<Path> flowFiles() {
        if (!Files.isDirectory(folder)) {
            LOG.warnf(
                    "Flow folder %s does not exist: no flow is active",
                    folder.toAbsolutePath().normalize());
            return List.of();
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(
                            p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list flow folder " + folder, e);
        }
    }
}
