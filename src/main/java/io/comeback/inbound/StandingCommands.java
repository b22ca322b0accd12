package io.comeback.inbound;

import io.comeback.audience.PhoneSuppressions;
import io.comeback.engine.text.TextNormalizer;
import io.comeback.messaging.OptOuts;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * STOP, START and HELP, whatever flow is running, answered in the sender's language. A customer's opt-out changes
 * their consent (and closes a pending keyword sign-up); from a number no customer has it is recorded by number, so
 * whoever gets the number as a customer later starts opted out. Each change is confirmed once: a second STOP from
 * someone already opted out gets no further text.
 */
@ApplicationScoped
public class StandingCommands {

    private final OptOuts optOuts;
    private final PhoneSuppressions suppressions;
    private final KeywordSignUps signUps;
    private final Replies replies;

    public StandingCommands(OptOuts optOuts, PhoneSuppressions suppressions, KeywordSignUps signUps, Replies replies) {
        this.optOuts = optOuts;
        this.suppressions = suppressions;
        this.signUps = signUps;
        this.replies = replies;
    }

    InboundRoute help(Long customerId, String language) {
        return InboundRoute.answered("help", customerId, replies.help(language));
    }

    /** @param customerId null for a number no customer has */
    InboundRoute optOut(Connection c, Long customerId, InboundSms sms, String language, Instant at)
            throws SQLException {
        String source = "sms: " + truncate(sms.body());
        boolean changed;
        if (customerId == null) {
            changed = suppressions.suppress(c, sms.from(), source, keyword(sms), at);
        } else {
            changed = optOuts.optOut(c, customerId, sms.from(), source, keyword(sms), at);
            signUps.close(c, customerId, at);
        }
        return InboundRoute.answered("opt_out", customerId, changed ? replies.optOut(language) : null);
    }

    /** Empty when the sender was not opted out: then START (or YES) is an ordinary text. */
    Optional<InboundRoute> resubscribe(Connection c, Long customerId, InboundSms sms, String language, Instant at)
            throws SQLException {
        boolean changed = customerId == null
                ? suppressions.lift(c, sms.from(), keyword(sms), at)
                : optOuts.resubscribe(c, customerId, sms.from(), keyword(sms), at);
        return changed
                ? Optional.of(InboundRoute.answered("resubscribe", customerId, replies.start(language)))
                : Optional.empty();
    }

    /** The text as the keyword the consent ledger records: normalised, upper case. */
    private static String keyword(InboundSms sms) {
        return TextNormalizer.normalize(sms.body()).toUpperCase(Locale.ROOT);
    }

    private static String truncate(String body) {
        String text = body == null ? "" : body.strip();
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
