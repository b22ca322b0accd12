package io.comeback.inbound;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** What the service answers to the standing keywords; configurable, since it is the shop's voice. */
@ApplicationScoped
public class KeywordReplies {

    private final String optOut;
    private final String resubscribe;
    private final String help;

    public KeywordReplies(@ConfigProperty(name = "comeback.keywords.opt-out-reply") String optOut,
                          @ConfigProperty(name = "comeback.keywords.resubscribe-reply") String resubscribe,
                          @ConfigProperty(name = "comeback.keywords.help-reply") String help) {
        this.optOut = optOut;
        this.resubscribe = resubscribe;
        this.help = help;
    }

    public String optOutConfirmation() {
        return optOut;
    }

    public String resubscribeConfirmation() {
        return resubscribe;
    }

    public String help() {
        return help;
    }
}
