package io.comeback.engine.run;

import io.comeback.engine.model.Link;
import io.comeback.engine.model.Variables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The variables of one text being sent: links become what {@link TextLinks} makes of them for this recipient and
 * this text (each link once, however often the text names it), {@code referral.*} the customer's referral code and
 * link; everything else is {@link VariableLookup}'s.
 */
final class SendLookup implements Function<String, Optional<String>> {

    private final Run run;
    private final VariableLookup variables;
    private final TextLinks links;
    private final String stepId;
    private final String sendKey;
    private final Map<String, TextLinks.ShortLink> made = new LinkedHashMap<>();

    SendLookup(Run run, VariableLookup variables, TextLinks links, String stepId, String sendKey) {
        this.run = run;
        this.variables = variables;
        this.links = links;
        this.stepId = stepId;
        this.sendKey = sendKey;
    }

    @Override
    public Optional<String> apply(String variable) {
        Optional<String> linkName = Variables.linkName(variable);
        if (linkName.isPresent()) {
            Link declared = run.flow.links().get(linkName.get());
            if (declared == null) {
                return Optional.empty();
            }
            TextLinks.ShortLink link = made.computeIfAbsent(
                    declared.name(),
                    name -> links.shorten(new TextLinks.LinkRequest(
                            run.flow.id(), run.customer.id(), stepId, sendKey, name, declared.url())));
            return Optional.of(link.url());
        }
        if (variable.equals(Variables.REFERRAL_CODE)) {
            return links.referral(run.customer.id()).map(TextLinks.Referral::code);
        }
        if (variable.equals(Variables.REFERRAL_LINK)) {
            return links.referral(run.customer.id()).map(TextLinks.Referral::link);
        }
        return variables.apply(variable);
    }

    /** The tracked links the text got, in order of first use. */
    List<TextLinks.ShortLink> tracked() {
        List<TextLinks.ShortLink> out = new ArrayList<>(made.size());
        made.values().stream().filter(TextLinks.ShortLink::tracked).forEach(out::add);
        return out;
    }
}
