package io.comeback.inbound;

import jakarta.enterprise.context.ApplicationScoped;

/** What the service answers to the standing keywords; configurable, since it is the shop's voice. */
@ApplicationScoped
public class KeywordReplies {

    private final String optOut;
    private final String resubscribe;
    private final String help;

    public KeywordReplies(KeywordsConfig config) {
        this.optOut = config.optOutReply();
        this.resubscribe = config.resubscribeReply();
        this.help = config.helpReply();
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
