package io.comeback.engine.parse;

import io.comeback.engine.model.Branch;
import io.comeback.engine.model.Campaign;
import io.comeback.engine.model.Condition;
import io.comeback.engine.model.FlowDuration;
import io.comeback.engine.model.Operator;
import io.comeback.engine.model.Send;
import io.comeback.engine.model.SourceLocation;
import io.comeback.engine.model.Step;
import io.comeback.engine.model.Target;
import io.comeback.engine.model.Wait;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The steps of a campaign's flow, built from its sends. */
final class CampaignFlowSteps {

    private CampaignFlowSteps() {}

    /**
     * The campaign's flow: with variants a branch on the recipient's variant (a trigger variable) to its send;
     * each send goes on to one wait, the conversion window.
     */
    static List<Step> of(List<Send> sends, FlowDuration convertWithin, SourceLocation at) {
        List<Step> steps = new ArrayList<>();
        Optional<Target> toConvert = Optional.of(new Target(Campaign.CONVERT_STEP, at));
        if (sends.size() > 1) {
            List<Branch.Case> cases = new ArrayList<>();
            for (Send send : sends.subList(1, sends.size())) {
                Condition isVariant = new Condition.Compare(
                        Campaign.VARIANT_VARIABLE, Operator.EQUALS, List.of(send.id()), send.location());
                cases.add(new Branch.Case(List.of(isVariant), new Target(send.id(), send.location()), send.location()));
            }
            steps.add(new Branch(
                    Campaign.VARIANT_STEP,
                    Optional.empty(),
                    cases,
                    Optional.of(new Target(sends.get(0).id(), at)),
                    at));
        }
        for (Send send : sends) {
            steps.add(new Send(send.id(), toConvert, send.text(), send.coupon(), send.location()));
        }
        if (!sends.isEmpty()) {
            steps.add(new Wait(
                    Campaign.CONVERT_STEP,
                    Optional.empty(),
                    Optional.of(convertWithin),
                    Optional.empty(),
                    Optional.empty(),
                    at));
        }
        return steps;
    }
}
