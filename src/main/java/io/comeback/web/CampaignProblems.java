package io.comeback.web;

import io.comeback.engine.model.Campaign;
import io.comeback.engine.model.Problem;
import io.comeback.engine.validate.CampaignValidator;
import java.util.List;

/** A campaign text with errors as a 400 problem: every error with its line, column and path, as the flow API says them. */
final class CampaignProblems {

    private CampaignProblems() {}

    static Campaign requireValid(CampaignValidator.Result result, String id) {
        if (result.isValid()) {
            Campaign campaign = result.campaign().orElseThrow();
            if (!campaign.id().equals(id)) {
                throw new ProblemException(
                        400,
                        "Invalid campaign",
                        "the file's id `" + campaign.id() + "` differs from the address's `" + id + "`",
                        List.of(ProblemDetails.Violation.ofLine(
                                campaign.location().line(), "id `" + campaign.id() + "` must be `" + id + "`")));
            }
            return campaign;
        }
        List<Problem> errors =
                result.problems().stream().filter(Problem::isError).toList();
        List<ProblemDetails.Violation> violations = errors.stream()
                .map(p -> ProblemDetails.Violation.ofLine(
                        p.line(),
                        p.message() + " (line " + p.line() + ", column " + p.column() + ", " + p.path() + ")"))
                .toList();
        Problem first = errors.get(0);
        String detail = errors.size() + " error(s); the first at line " + first.line() + ", column " + first.column()
                + ": " + first.message();
        return fail(detail, violations);
    }

    private static Campaign fail(String detail, List<ProblemDetails.Violation> violations) {
        throw new ProblemException(400, "Invalid campaign", detail, violations);
    }
}
