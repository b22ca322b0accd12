package io.comeback.engine.validate;

import io.comeback.engine.model.Campaign;
import io.comeback.engine.model.Problem;
import io.comeback.engine.parse.CampaignParser;
import io.comeback.engine.parse.ParsedCampaign;
import io.comeback.engine.text.LinkShape;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Checks a campaign file: its syntax, then its flow with every check a flow file gets (texts, variables, segment
 * counts with links as they are sent, opt-out hints, conditions), each problem at its line in the campaign file.
 */
public final class CampaignValidator {

    /** The outcome; {@code campaign} only when there is no error, like {@link ValidationResult}. */
    public record Result(Optional<Campaign> campaign, List<Problem> problems) {
        public Result {
            problems = problems.stream().sorted(Problem.IN_FILE_ORDER).toList();
        }

        public boolean isValid() {
            return problems.stream().noneMatch(Problem::isError);
        }
    }

    private final CampaignParser parser = new CampaignParser();
    private final FlowValidator flows;

    public CampaignValidator(LinkShape links) {
        this.flows = new FlowValidator(links);
    }

    public Result validate(String source) {
        ParsedCampaign parsed = parser.parse(source);
        List<Problem> problems = new ArrayList<>(parsed.problems());
        parsed.campaign().ifPresent(c -> {
            problems.addAll(flows.check(c.flow()));
            if (!c.schedule().spread() && !c.schedule().asap()) {
                FlowChecks.quietHoursClash(
                        c.flow(), c.schedule().at(), c.schedule().location(), "schedule.at", problems);
            }
        });
        List<Problem> unique = List.copyOf(new LinkedHashSet<>(problems));
        boolean valid = unique.stream().noneMatch(Problem::isError);
        return new Result(valid ? parsed.campaign() : Optional.empty(), unique);
    }
}
