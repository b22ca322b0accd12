package io.comeback.enrollment;

import io.comeback.audience.links.ShortLinkForm;
import io.comeback.engine.model.Campaign;
import io.comeback.engine.validate.CampaignValidator;
import io.comeback.flows.CampaignStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** A stored campaign's text read back as a {@link Campaign}, checked with links as they are sent. */
@ApplicationScoped
public class CampaignSources {

    private final CampaignValidator validator;
    private final java.util.Map<String, Optional<Campaign>> parsed = new java.util.concurrent.ConcurrentHashMap<>();

    public CampaignSources(ShortLinkForm links) {
        this.validator = new CampaignValidator(links.shape());
    }

    public CampaignValidator validator() {
        return validator;
    }

    /** The campaign of a stored row; empty only if its text no longer validates (it was valid when stored). */
    public Optional<Campaign> of(CampaignStore.Row row) {
        // A version's text never changes, so its campaign can be kept (inbound texts ask for it often).
        return parsed.computeIfAbsent(
                row.id() + "@" + row.version(),
                k -> validator.validate(row.source()).campaign());
    }
}
