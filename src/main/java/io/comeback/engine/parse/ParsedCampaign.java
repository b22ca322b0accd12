package io.comeback.engine.parse;

import io.comeback.engine.model.Campaign;
import io.comeback.engine.model.Problem;
import java.util.List;
import java.util.Optional;

/** What the parser made of a campaign file; like {@link ParsedFlow}, a best effort when there are errors. */
public record ParsedCampaign(Optional<Campaign> campaign, List<Problem> problems) {

    public ParsedCampaign {
        problems = List.copyOf(problems);
    }
}
