package io.comeback.inbound;

import io.comeback.audience.Customer;
import io.comeback.audience.CustomerInput;
import io.comeback.audience.CustomerService;
import io.comeback.audience.PhoneSuppressions;
import io.comeback.audience.inactivity.EngagementStore;
import io.comeback.engine.model.Flow;
import io.comeback.enrollment.Enrollments;
import io.comeback.enrollment.EntryOutcome;
import io.comeback.enrollment.TriggerContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A keyword starts its flow. A marketing flow needs consent: someone not opted in is asked to confirm first, in their
 * language (double opt-in, {@link KeywordSignUps}), and enters once they answer YES / JA; everyone else enters at
 * once. A number no customer has becomes a customer first.
 */
@ApplicationScoped
public class KeywordFlowEntry {

    /** The id of a customer created by texting a keyword: the number, which no shop id looks like. */
    public static final String SMS_CUSTOMER_PREFIX = "sms:";

    private static final Logger LOG = Logger.getLogger(KeywordFlowEntry.class);

    private final Enrollments enrollments;
    private final KeywordSignUps signUps;
    private final Replies replies;
    private final ReplyLanguage languages;
    private final CustomerService customers;
    private final EngagementStore engagement;

    public KeywordFlowEntry(
            Enrollments enrollments,
            KeywordSignUps signUps,
            Replies replies,
            ReplyLanguage languages,
            CustomerService customers,
            EngagementStore engagement) {
        this.enrollments = enrollments;
        this.signUps = signUps;
        this.replies = replies;
        this.languages = languages;
        this.customers = customers;
        this.engagement = engagement;
    }

    /** Empty when the customer could not enter (entry rules): the text goes to the inbox then. */
    Optional<InboundRoute> enter(Connection c, Customer customer, InboundSms sms, Flow flow, Instant at)
            throws SQLException {
        if (flow.settings().isMarketing() && !"opted_in".equals(customer.consentStatus)) {
            String question = replies.confirmRequest(languages.of(customer.locale, sms.from(), List.of()));
            String keyword = InboundRouting.firstWord(sms.body());
            signUps.ask(c, customer.id, flow.id(), keyword, question, at);
            return Optional.of(new InboundRoute("keyword_confirmation", customer.id, null, flow.id(), question));
        }
        EntryOutcome outcome = enrollments.enter(
                flow.id(), customer.id, TriggerContext.of(Map.of("reply.text", sms.body())), "keyword: " + sms.body());
        if (outcome instanceof EntryOutcome.Entered entered) {
            return Optional.of(new InboundRoute("keyword", customer.id, entered.enrollmentId(), flow.id(), null));
        }
        return Optional.empty();
    }

    /** YES / JA to a pending keyword sign-up: opted in (consent ledger), then into the flow. */
    InboundRoute confirmed(Connection c, long customerId, InboundSms sms, KeywordSignUps.Pending pending, Instant at)
            throws SQLException {
        engagement.replied(customerId, at);
        signUps.confirm(c, pending, customerId, sms.from(), InboundRouting.firstWord(sms.body()), at);
        EntryOutcome outcome = enrollments.enter(
                pending.flowId(),
                customerId,
                TriggerContext.of(Map.of("reply.text", pending.keyword())),
                "keyword: " + pending.keyword() + " (confirmed)");
        Long enrollmentId =
                outcome instanceof EntryOutcome.Entered entered ? Long.valueOf(entered.enrollmentId()) : null;
        return new InboundRoute("keyword", customerId, enrollmentId, pending.flowId(), null);
    }

    /**
     * A customer for a number that texted a keyword: the number, and the zone and language its country suggests.
     * Consent is not stated (a number that texted STOP before starts opted out, {@link PhoneSuppressions}).
     */
    Optional<Customer> createFor(String phone) {
        CustomerService.PutResult result = customers.put(
                SMS_CUSTOMER_PREFIX + phone, new CustomerInput(phone, null, null, null, null, null, null, null, null));
        if (result instanceof CustomerService.Stored stored) {
            return Optional.of(stored.customer());
        }
        // The number stays out of the log; the violations name the fields.
        LOG.warnf(
                "No customer could be created for a keyword text: %s",
                ((CustomerService.Rejected) result)
                        .violations().stream().map(v -> v.field()).toList());
        return Optional.empty();
    }
}
