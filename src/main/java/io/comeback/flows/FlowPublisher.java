package io.comeback.flows;

import io.comeback.audience.links.ShortLinkForm;
import io.comeback.engine.model.Problem;
import io.comeback.engine.validate.FlowValidator;
import io.comeback.engine.validate.ValidationResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Publishes a flow's text from the editor or the API: it is checked, then written into the flows folder (the files
 * stay the source of truth, friendly to git) with a temporary file moved over the old one, so the watcher and the
 * other readers never see half a file. The catalog is reloaded at once and the publication recorded with who and
 * when; the version itself is kept by {@link FlowVersions} like any loaded file. The flow's draft is then done.
 */
@ApplicationScoped
public class FlowPublisher {

    /** A flow id is its file name: lower-case letters, digits, '-' and '_', so it is safe as a file name anywhere. */
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    public sealed interface Outcome {}

    public record Published(String flowId, String version, String file) implements Outcome {}

    /** Nothing was written: the text has errors. */
    public record Refused(List<Problem> problems) implements Outcome {}

    /** Nothing was written: the folder could not be written (e.g. mounted read-only). */
    public record Unwritable(String why) implements Outcome {}

    private final FlowCatalog catalog;
    private final FlowDraftStore drafts;
    private final FlowPublicationStore publications;
    private final Path folder;
    private final Clock clock;
    private final FlowValidator validator;

    public FlowPublisher(
            FlowCatalog catalog,
            FlowDraftStore drafts,
            FlowPublicationStore publications,
            FlowsDirConfig folder,
            Clock clock,
            ShortLinkForm links) {
        this.validator = new FlowValidator(links.shape());
        this.catalog = catalog;
        this.drafts = drafts;
        this.publications = publications;
        this.folder = Path.of(folder.folder());
        this.clock = clock;
    }

    public static boolean validId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** @param restoredFrom the version whose text this is when it is a restore, else null */
    public synchronized Outcome publish(String flowId, String source, String by, String restoredFrom) {
        if (!validId(flowId)) {
            throw new IllegalArgumentException("not a flow id: " + flowId);
        }
        ValidationResult result = validator.validate(source);
        if (result.flow().isEmpty()) {
            return new Refused(
                    result.problems().stream().filter(Problem::isError).toList());
        }
        String file = catalog.entry(flowId).map(FlowCatalog.Entry::file).orElse(flowId + ".yaml");
        try {
            write(folder.resolve(file), source);
        } catch (IOException e) {
            return new Unwritable("the flows folder cannot be written ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); nothing was published");
        }
        catalog.reload();
        String version = catalog.entry(flowId)
                .map(FlowCatalog.Entry::version)
                .orElse(result.flow().get().version());
        publications.record(flowId, version, by, clock.instant(), restoredFrom);
        drafts.delete(flowId);
        return new Published(flowId, version, file);
    }

    private void write(Path target, String source) throws IOException {
        Files.createDirectories(folder);
        // A dot file without the .yaml ending: the catalog never lists it, even if the move below fails.
        Path temp = Files.createTempFile(folder, "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(temp, source, StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
