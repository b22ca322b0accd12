package io.comeback.enrollment;

import io.comeback.engine.model.Campaign;
import io.comeback.engine.model.Problem;
import io.comeback.engine.validate.CampaignValidator;
import io.comeback.flows.CampaignStore;
import io.comeback.flows.FlowsDirConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The campaign files of {@code <flows folder>/campaigns/}: read at start and stored as drafts (a campaign that has
 * started keeps the text it started with). A file with errors is logged with its problems and left out; starting a
 * campaign is always an act (the API), never the file's arrival.
 */
@ApplicationScoped
public class CampaignFolder {

    private static final Logger LOG = Logger.getLogger(CampaignFolder.class);

    private final FlowsDirConfig dir;
    private final CampaignSources sources;
    private final CampaignStore store;
    private final Clock clock;

    public CampaignFolder(FlowsDirConfig dir, CampaignSources sources, CampaignStore store, Clock clock) {
        this.dir = dir;
        this.sources = sources;
        this.store = store;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        load();
    }

    /** @return how many files were stored as drafts */
    public int load() {
        Path folder = Path.of(dir.folder()).resolve("campaigns");
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        int stored = 0;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(CampaignFolder::isYaml).sorted().toList()) {
                stored += load(file) ? 1 : 0;
            }
        } catch (IOException e) {
            LOG.errorf(e, "Could not read the campaigns folder %s", folder);
        }
        return stored;
    }

    private boolean load(Path file) {
        String source;
        try {
            source = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.errorf(e, "Could not read campaign file %s", file);
            return false;
        }
        CampaignValidator.Result result = sources.validator().validate(source);
        if (result.campaign().isEmpty()) {
            List<Problem> errors =
                    result.problems().stream().filter(Problem::isError).toList();
            LOG.errorf("Campaign file %s is not used: %s", file, errors);
            return false;
        }
        Campaign campaign = result.campaign().get();
        return store.saveDraft(
                campaign.id(),
                source,
                campaign.flow().version(),
                campaign.name(),
                "file " + file.getFileName(),
                clock.instant());
    }

    private static boolean isYaml(Path p) {
        String name = p.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }
}
