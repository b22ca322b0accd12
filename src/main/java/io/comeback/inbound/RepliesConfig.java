package io.comeback.inbound;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;
import java.util.Map;

/**
 * {@code comeback.replies.*}: what the service answers at once, in each language it answers in — the confirmations
 * of STOP and START, the answer to HELP, the question a keyword sign-up is asked, and the inbox auto-reply.
 * {@code comeback.replies.<LANGUAGE>.opt-out} …, one group per language (ISO 639-1 code); a language with a group is
 * one the service answers in. {@code {shop}} in a text becomes {@code comeback.shop-name}; {@code {when}} in the
 * closed inbox reply the next opening ("i morgen fra kl. 09.00"). Defaults are in application.properties.
 */
@ConfigMapping(prefix = "comeback.replies")
public interface RepliesConfig {

    /** The language of answers when neither the sender nor their words nor their number's country name one. */
    String defaultLanguage();

    @WithParentName
    Map<String, Texts> languages();

    interface Texts {

        /** Confirmation of an opt-out. */
        String optOut();

        /** Confirmation of a re-subscription (START). */
        String start();

        /** Answer to HELP. */
        String help();

        /** The question a keyword sign-up from someone not opted in is answered with (reply YES / JA). */
        String confirmRequest();

        /** Inbox auto-reply during business hours. */
        String inboxOpen();

        /** Inbox auto-reply outside them; {@code {when}} becomes the next opening. */
        String inboxClosed();
    }
}
