package io.comeback.inbound;

import io.comeback.audience.Customer;
import io.comeback.audience.inactivity.EngagementStore;
import io.comeback.engine.model.Flow;
import io.comeback.engine.model.Trigger;
import io.comeback.engine.run.FlowEvent;
import io.comeback.engine.text.InboundKeywords;
import io.comeback.engine.text.InboundKeywords.Intent;
import io.comeback.enrollment.EnrollmentSignals;
import io.comeback.flows.FlowCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a stored inbound text goes, first match wins: HELP is answered; a STOP word or phrase opts out; a YES / JA
 * confirms a pending keyword sign-up; START re-subscribes someone opted out; a reply goes to the sender's most recent
 * enrollment waiting for one; a campaign's keyword records an entry ({@link CampaignKeywordEntries}); a keyword starts its flow
 * ({@link KeywordFlowEntry}); anything else lands in the inbox
 * — its conversation opens ({@link ConversationStore}) — with an auto-reply saying when a person answers, at most once a
 * day per person ({@link AutoReplyPace}). Every answer is in the sender's language ({@link ReplyLanguage}).
 */
@ApplicationScoped
public class InboundRouter {

    private final SenderKeywords keywords;
    private final ReplyLanguage languages;
    private final StandingCommands commands;
    private final KeywordSignUps signUps;
    private final KeywordFlowEntry keywordFlows;
    private final EnrollmentSignals signals;
    private final EngagementStore engagement;
    private final FlowCatalog catalog;
    private final Replies replies;
    private final ConversationStore conversations;
    private final AutoReplyPace autoReplies;
    private final Clock clock;
    private final CampaignKeywordEntries campaignEntries;

    public InboundRouter(
            SenderKeywords keywords,
            ReplyLanguage languages,
            StandingCommands commands,
            KeywordSignUps signUps,
            KeywordFlowEntry keywordFlows,
            EnrollmentSignals signals,
            EngagementStore engagement,
            FlowCatalog catalog,
            Replies replies,
            ConversationStore conversations,
            AutoReplyPace autoReplies,
            Clock clock,
            CampaignKeywordEntries campaignEntries) {
        this.campaignEntries = campaignEntries;
        this.conversations = conversations;
        this.autoReplies = autoReplies;
        this.keywords = keywords;
        this.languages = languages;
        this.commands = commands;
        this.signUps = signUps;
        this.keywordFlows = keywordFlows;
        this.signals = signals;
        this.engagement = engagement;
        this.catalog = catalog;
        this.replies = replies;
        this.clock = clock;
    }

    InboundRoute route(Connection c, InboundSms sms, long inboundMessageId) throws SQLException {
        Optional<Customer> customer = Customer.findByPhone(sms.from());
        InboundKeywords senderKeywords = keywords.forSender(sms.from());
        InboundKeywords.Understood understood = senderKeywords.understand(sms.body());
        Long customerId = customer.map(x -> x.id).orElse(null);
        String language = languages.of(customer.map(x -> x.locale).orElse(null), sms.from(), understood.languages());
        Instant at = clock.instant();
        if (understood.intent() == Intent.HELP) {
            return commands.help(customerId, language);
        }
        if (understood.intent() == Intent.OPT_OUT) {
            return commands.optOut(c, customerId, sms, language, at);
        }
        if (customer.isPresent() && senderKeywords.isConfirmation(sms.body())) {
            Optional<KeywordSignUps.Pending> pending = signUps.pending(c, customerId, at);
            if (pending.isPresent()) {
                return keywordFlows.confirmed(c, customerId, sms, pending.get(), at);
            }
        }
        if (understood.intent() == Intent.RESUBSCRIBE) {
            Optional<InboundRoute> resubscribed = commands.resubscribe(c, customerId, sms, language, at);
            if (resubscribed.isPresent()) {
                return resubscribed.get();
            }
        }
        return customer.isPresent()
                ? fromCustomer(c, customer.get(), sms, inboundMessageId, language, at)
                : fromUnknownNumber(c, sms, language, at);
    }

    private InboundRoute fromCustomer(
            Connection c, Customer customer, InboundSms sms, long inboundMessageId, String language, Instant at)
            throws SQLException {
        engagement.replied(customer.id, at);
        // Before a keyword may start a flow: the text is not a reply inside the enrollment it starts.
        signals.replyToOthersOf(customer.id, new FlowEvent.Replied(sms.body()));
        Optional<Long> waiting = signals.waitingForReply(customer.id);
        if (waiting.isPresent()) {
            // The message id travels with the reply so a score it carries is recorded once (survey_responses).
            signals.replyToEnrollment(waiting.get(), new FlowEvent.Replied(sms.body()), inboundMessageId);
            return new InboundRoute("enrollment", customer.id, waiting.get(), null, null);
        }
        Optional<InboundRoute> campaignEntry = campaignEntries.enter(c, customer, sms, language, at);
        if (campaignEntry.isPresent()) {
            return campaignEntry.get();
        }
        Optional<Flow> keywordFlow = keywordFlow(sms);
        if (keywordFlow.isPresent()) {
            Optional<InboundRoute> entered = keywordFlows.enter(c, customer, sms, keywordFlow.get(), at);
            if (entered.isPresent()) {
                return entered.get();
            }
        }
        return inbox(c, sms, customer.id, language, at);
    }

    /** No customer has this number: only a keyword of an active flow makes one. */
    private InboundRoute fromUnknownNumber(Connection c, InboundSms sms, String language, Instant at)
            throws SQLException {
        Optional<Flow> keywordFlow = keywordFlow(sms);
        if (keywordFlow.isPresent()) {
            Optional<Customer> created = keywordFlows.createFor(sms.from());
            if (created.isPresent()) {
                Optional<InboundRoute> entered = keywordFlows.enter(c, created.get(), sms, keywordFlow.get(), at);
                if (entered.isPresent()) {
                    return entered.get();
                }
                return inbox(c, sms, created.get().id, language, at);
            }
        }
        return inbox(c, sms, null, language, at);
    }

    private Optional<Flow> keywordFlow(InboundSms sms) {
        return InboundRouting.keywordFlow(catalog.activeWith(Trigger.Keyword.class), sms.body());
    }

    /** A text for a person: its conversation opens, and the auto-reply goes out at most once a day. */
    private InboundRoute inbox(Connection c, InboundSms sms, Long customerId, String language, Instant at)
            throws SQLException {
        long conversation = conversations.received(c, sms.from(), customerId, at);
        String answer = autoReplies.mayReply(c, conversation, at) ? replies.inboxAutoReply(language, at) : null;
        return InboundRoute.answered("inbox", customerId, answer);
    }
}
