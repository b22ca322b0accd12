package io.comeback.web;

import io.comeback.audience.links.ShortLinkForm;
import io.comeback.engine.model.Problem;
import io.comeback.engine.validate.FlowValidator;
import io.comeback.engine.validate.ValidationResult;
import io.comeback.flows.FlowCatalog;
import io.comeback.flows.FlowDraftStore;
import io.comeback.flows.FlowLineDiff;
import io.comeback.flows.FlowPublicationStore;
import io.comeback.flows.FlowPublisher;
import io.comeback.flows.FlowVersions;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the flow editor does, for the API and the dashboard alike: drafts (saving one changes nothing that runs),
 * publishing (checked, then written into the flows folder), the versions with who published them, a line diff of
 * two versions and restoring one (publishing its text again). Simulating an unpublished text: {@link DraftSimulation}.
 */
@ApplicationScoped
public class FlowEditing {

    static final int MAX_SOURCE_CHARS = 1_000_000;

    /** {@code origin}: {@code draft} (a saved draft), {@code published} (the file as it is), {@code new}. */
    public record DraftView(String flowId, String source, String origin, String savedBy, Instant savedAt) {}

    public record PublishedView(String flowId, String version, String file) {}

    public record VersionView(
            String version,
            Instant firstLoadedAt,
            String publishedBy,
            Instant publishedAt,
            String restoredFrom,
            int lines,
            boolean current) {}

    public record VersionSourceView(String flowId, String version, String source) {}

    public record DiffView(String flowId, String from, String to, List<FlowLineDiff.Line> lines) {}

    private final FlowCatalog catalog;
    private final FlowDraftStore drafts;
    private final FlowPublisher publisher;
    private final FlowPublicationStore publications;
    private final FlowVersions versions;
    private final Clock clock;
    private final FlowValidator validator;

    public FlowEditing(
            FlowCatalog catalog,
            FlowDraftStore drafts,
            FlowPublisher publisher,
            FlowPublicationStore publications,
            FlowVersions versions,
            Clock clock,
            ShortLinkForm links) {
        this.catalog = catalog;
        this.drafts = drafts;
        this.publisher = publisher;
        this.publications = publications;
        this.versions = versions;
        this.clock = clock;
        // The editor shows links as they are sent (short links of the real length), like the flow API.
        this.validator = new FlowValidator(links.shape());
    }

    public static void requireId(String id) {
        if (!FlowPublisher.validId(id)) {
            throw ProblemException.invalidField(
                    "id",
                    "a flow id is its file name: 1 to 64 lower-case letters, digits, '-' or '_', starting with a"
                            + " letter or digit");
        }
    }

    static String requireSource(String source) {
        if (source == null || source.isBlank()) {
            throw ProblemException.invalidField("body", "send the flow's YAML text");
        }
        if (source.length() > MAX_SOURCE_CHARS) {
            throw ProblemException.invalidField("body", "a flow text may have at most 1,000,000 characters");
        }
        return source;
    }

    /** The saved draft, else the published file's text; 404 for a flow that has neither. */
    public DraftView draft(String id) {
        requireId(id);
        Optional<FlowDraftStore.Draft> draft = drafts.find(id);
        if (draft.isPresent()) {
            return new DraftView(
                    id,
                    draft.get().source(),
                    "draft",
                    draft.get().savedBy(),
                    draft.get().savedAt());
        }
        return published(id)
                .map(s -> new DraftView(id, s, "published", null, null))
                .orElseThrow(() -> ProblemException.notFound("flow '" + id + "' has no draft and no file"));
    }

    /** The text of the flow's file as it is now, if there is one. */
    public Optional<String> published(String id) {
        Optional<FlowCatalog.Entry> entry = catalog.entry(id);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(catalog.sourceOf(entry.get()), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public DraftView saveDraft(String id, String source, String by) {
        requireId(id);
        FlowDraftStore.Draft saved = drafts.save(id, requireSource(source), by, clock.instant());
        return new DraftView(id, saved.source(), "draft", saved.savedBy(), saved.savedAt());
    }

    /** Publishes the text; a text with errors is refused with 422 and every error with its line and column. */
    public PublishedView publish(String id, String source, String by, String restoredFrom) {
        requireId(id);
        FlowPublisher.Outcome outcome = publisher.publish(id, requireSource(source), by, restoredFrom);
        if (outcome instanceof FlowPublisher.Published p) {
            return new PublishedView(p.flowId(), p.version(), p.file());
        }
        if (outcome instanceof FlowPublisher.Refused r) {
            throw new ProblemException(
                    422,
                    "Flow has errors",
                    "nothing was published: the flow text has " + r.problems().size() + " error(s)",
                    violations(r.problems()));
        }
        throw new ProblemException(
                409, "Flows folder not writable", ((FlowPublisher.Unwritable) outcome).why(), List.of());
    }

    /** Publishing the saved draft (or 404 when there is none). */
    public PublishedView publishDraft(String id, String by) {
        requireId(id);
        FlowDraftStore.Draft draft = drafts.find(id)
                .orElseThrow(() -> ProblemException.notFound(
                        "flow '" + id + "' has no draft; send the text to publish as the body"));
        return publish(id, draft.source(), by, null);
    }

    public PublishedView restore(String id, String version, String by) {
        return publish(id, versionSource(id, version).source(), by, version);
    }

    public List<VersionView> versions(String id) {
        requireId(id);
        String current = catalog.entry(id).map(FlowCatalog.Entry::version).orElse(null);
        return publications.versions(id).stream()
                .map(v -> new VersionView(
                        v.version(),
                        v.firstLoadedAt(),
                        v.publishedBy(),
                        v.publishedAt(),
                        v.restoredFrom(),
                        v.lines(),
                        v.version().equals(current)))
                .toList();
    }

    public VersionSourceView versionSource(String id, String version) {
        requireId(id);
        return versions.source(id, version)
                .map(s -> new VersionSourceView(id, version, s))
                .orElseThrow(() -> ProblemException.notFound("flow '" + id + "' has no version '" + version
                        + "'; GET /api/flows/" + id + "/versions lists them"));
    }

    public DiffView diff(String id, String from, String to) {
        return new DiffView(
                id,
                from,
                to,
                FlowLineDiff.of(
                        versionSource(id, from).source(), versionSource(id, to).source()));
    }

    public ValidationResult validate(String source) {
        return validator.validate(source == null ? "" : source);
    }

    static List<ProblemDetails.Violation> violations(List<Problem> problems) {
        return problems.stream()
                .filter(Problem::isError)
                .map(p -> new ProblemDetails.Violation(
                        p.path() == null || p.path().isEmpty() ? null : p.path(),
                        (long) p.line(),
                        p.message() + " (line " + p.line() + ", column " + p.column() + ")"))
                .toList();
    }
}
