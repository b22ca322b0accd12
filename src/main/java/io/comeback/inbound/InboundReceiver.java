package io.comeback.inbound;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.Customer;
import io.comeback.audience.CustomerInput;
import io.comeback.audience.CustomerService;
import io.comeback.audience.PhoneSuppressions;
import io.comeback.audience.inactivity.EngagementStore;
import io.comeback.engine.model.Flow;
import io.comeback.engine.model.Trigger;
import io.comeback.engine.run.FlowEvent;
import io.comeback.engine.text.InboundKeywords;
import io.comeback.engine.text.TextNormalizer;
import io.comeback.enrollment.EnrollmentSignals;
import io.comeback.enrollment.Enrollments;
import io.comeback.enrollment.EntryOutcome;
import io.comeback.enrollment.TriggerContext;
import io.comeback.enrollment.WakeUpWorkers;
import io.comeback.flows.FlowCatalog;
import io.comeback.messaging.OptOuts;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Where every gateway hands inbound texts. Stored once by provider id (a retried webhook gets the
 * same answer and changes nothing), then routed: a STOP word opts out; a YES / JA confirms a pending
 * keyword sign-up; a reply goes to the sender's most recent enrollment waiting for one; a keyword starts
 * its flow — from a number no customer has, the customer is created first, and a marketing flow asks
 * someone not opted in to confirm before they are opted in and enter ({@link KeywordSignUps}); anything
 * else lands in the inbox — its conversation opens ({@link Conversations}) — with an auto-reply saying when a person
 * answers, at most once a day per person ({@link AutoReplyPace}).
 */
@ApplicationScoped
public class InboundReceiver implements InboundSmsSink {

    private static final String STORE = """
            INSERT INTO inbound_messages (provider_message_id, from_phone, to_phone, body, received_at, routed_to)
            VALUES (?, ?, ?, ?, ?, 'pending') ON CONFLICT (provider_message_id) DO NOTHING RETURNING id
            """;

    private final AgroalDataSource dataSource;
    private final EnrollmentSignals signals;
    private final Enrollments enrollments;
    private final FlowCatalog catalog;
    private final BusinessHours businessHours;
    private final WakeUpWorkers workers;
    private final Clock clock;
    private final OptOuts optOuts;
    private final KeywordReplies replies;
    private final EngagementStore engagement;
    private final SenderKeywords keywords;
    private final PhoneSuppressions suppressions;
    private final KeywordSignUps signUps;
    private final CustomerService customers;
    private final Conversations conversations;
    private final AutoReplyPace autoReplies;

    public InboundReceiver(
            AgroalDataSource dataSource,
            EnrollmentSignals signals,
            Enrollments enrollments,
            FlowCatalog catalog,
            BusinessHours businessHours,
            WakeUpWorkers workers,
            Clock clock,
            OptOuts optOuts,
            KeywordReplies replies,
            EngagementStore engagement,
            SenderKeywords keywords,
            PhoneSuppressions suppressions,
            KeywordSignUps signUps,
            CustomerService customers,
            Conversations conversations,
            AutoReplyPace autoReplies) {
        this.conversations = conversations;
        this.autoReplies = autoReplies;
        this.signUps = signUps;
        this.customers = customers;
        this.keywords = keywords;
        this.suppressions = suppressions;
        this.optOuts = optOuts;
        this.replies = replies;
        this.engagement = engagement;
        this.dataSource = dataSource;
        this.signals = signals;
        this.enrollments = enrollments;
        this.catalog = catalog;
        this.businessHours = businessHours;
        this.workers = workers;
        this.clock = clock;
    }

    private record Route(String routedTo, Long customerId, Long enrollmentId, String flowId, String answer) {}

    @Override
    @Transactional
    public Optional<String> receive(InboundSms sms) {
        try (Connection c = dataSource.getConnection()) {
            Optional<Long> stored = store(c, sms);
            if (stored.isEmpty()) {
                return storedAnswer(c, sms.providerMessageId());
            }
            Route route = route(c, sms, stored.get());
            try (PreparedStatement st = c.prepareStatement("""
                    UPDATE inbound_messages SET routed_to = ?, customer_id = ?, enrollment_id = ?, flow_id = ?, answer = ?
                    WHERE id = ?""")) {
                st.setString(1, route.routedTo());
                st.setObject(2, route.customerId());
                st.setObject(3, route.enrollmentId());
                st.setString(4, route.flowId());
                st.setString(5, route.answer());
                st.setLong(6, stored.get());
                st.executeUpdate();
            }
            if (!"inbox".equals(route.routedTo())) {
                workers.nudge();
            }
            return Optional.ofNullable(route.answer());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store inbound message " + sms.providerMessageId(), e);
        }
    }

    private Route route(Connection c, InboundSms sms, long inboundMessageId) throws SQLException {
        Optional<Customer> customer = Customer.findByPhone(sms.from());
        InboundKeywords.Intent intent = keywords.forSender(sms.from()).classify(sms.body());
        if (intent == InboundKeywords.Intent.HELP) {
            return new Route("help", customer.map(x -> x.id).orElse(null), null, null, replies.help());
        }
        Instant at = clock.instant();
        String word = TextNormalizer.normalize(sms.body()).toUpperCase(java.util.Locale.ROOT);
        if (customer.isEmpty()) {
            return fromUnknownNumber(c, sms, intent, word, at);
        }
        long customerId = customer.get().id;
        if (intent == InboundKeywords.Intent.OPT_OUT) {
            boolean changed = optOuts.optOut(c, customerId, sms.from(), "sms: " + truncate(sms.body()), word, at);
            signUps.close(c, customerId, at);
            // Confirm once: a second STOP from someone already opted out gets no further text.
            return new Route("opt_out", customerId, null, null, changed ? replies.optOutConfirmation() : null);
        }
        if (keywords.forSender(sms.from()).isConfirmation(sms.body())) {
            Optional<KeywordSignUps.Pending> pending = signUps.pending(c, customerId, at);
            if (pending.isPresent()) {
                return confirmed(c, customerId, sms, pending.get(), at);
            }
        }
        if (intent == InboundKeywords.Intent.RESUBSCRIBE && optOuts.resubscribe(c, customerId, sms.from(), word, at)) {
            return new Route("resubscribe", customerId, null, null, replies.resubscribeConfirmation());
        }
        engagement.replied(customerId, at);
        // Before a keyword may start a flow: the text is not a reply inside the enrollment it starts.
        signals.replyToOthersOf(customerId, new FlowEvent.Replied(sms.body()));
        Optional<Long> waiting = signals.waitingForReply(customerId);
        if (waiting.isPresent()) {
            // The message id travels with the reply so a score it carries is recorded once (survey_responses).
            signals.replyToEnrollment(waiting.get(), new FlowEvent.Replied(sms.body()), inboundMessageId);
            return new Route("enrollment", customerId, waiting.get(), null, null);
        }
        Optional<Flow> keywordFlow = InboundRouting.keywordFlow(catalog.activeWith(Trigger.Keyword.class), sms.body());
        if (keywordFlow.isPresent()) {
            return keyword(c, customerId, customer.get().consentStatus, sms, keywordFlow.get(), at);
        }
        return inbox(c, sms, customerId);
    }

    /**
     * A keyword of an active flow. A marketing flow needs consent: someone not opted in is asked to confirm first
     * (double opt-in) and enters once they do; everyone else enters at once.
     */
    private Route keyword(Connection c, long customerId, String consent, InboundSms sms, Flow flow, Instant at)
            throws SQLException {
        if (flow.settings().isMarketing() && !"opted_in".equals(consent)) {
            String keyword = InboundRouting.firstWord(sms.body());
            return new Route(
                    "keyword_confirmation",
                    customerId,
                    null,
                    flow.id(),
                    signUps.ask(c, customerId, flow.id(), keyword, at));
        }
        EntryOutcome outcome = enrollments.enter(
                flow.id(), customerId, TriggerContext.of(Map.of("reply.text", sms.body())), "keyword: " + sms.body());
        if (outcome instanceof EntryOutcome.Entered entered) {
            return new Route("keyword", customerId, entered.enrollmentId(), flow.id(), null);
        }
        return inbox(c, sms, customerId);
    }

    /** YES / JA to a pending keyword sign-up: opted in (consent ledger), then into the flow. */
    private Route confirmed(Connection c, long customerId, InboundSms sms, KeywordSignUps.Pending pending, Instant at)
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
        return new Route("keyword", customerId, enrollmentId, pending.flowId(), null);
    }

    /**
     * No customer has this number: a STOP is still honoured — recorded by number, so whoever gets the
     * number as a customer later starts opted out — and confirmed once; START lifts it.
     */
    private Route fromUnknownNumber(
            Connection c, InboundSms sms, InboundKeywords.Intent intent, String word, Instant at) throws SQLException {
        if (intent == InboundKeywords.Intent.OPT_OUT) {
            boolean changed = suppressions.suppress(c, sms.from(), "sms: " + truncate(sms.body()), word, at);
            return new Route("opt_out", null, null, null, changed ? replies.optOutConfirmation() : null);
        }
        if (intent == InboundKeywords.Intent.RESUBSCRIBE && suppressions.lift(c, sms.from(), word, at)) {
            return new Route("resubscribe", null, null, null, replies.resubscribeConfirmation());
        }
        Optional<Flow> keywordFlow = InboundRouting.keywordFlow(catalog.activeWith(Trigger.Keyword.class), sms.body());
        if (keywordFlow.isPresent()) {
            Optional<Customer> created = createFor(sms.from());
            if (created.isPresent()) {
                return keyword(c, created.get().id, created.get().consentStatus, sms, keywordFlow.get(), at);
            }
        }
        return inbox(c, sms, null);
    }

    /**
     * A customer for a number that texted a keyword: the number, and the zone and language its country suggests.
     * Consent is not stated (a number that texted STOP before starts opted out, {@link PhoneSuppressions}).
     */
    private Optional<Customer> createFor(String phone) {
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

    /** The id of a customer created by texting a keyword: the number, which no shop id looks like. */
    public static final String SMS_CUSTOMER_PREFIX = "sms:";

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(InboundReceiver.class);

    /** A text for a person: its conversation opens, and the auto-reply goes out at most once a day (AutoReplyPace). */
    private Route inbox(Connection c, InboundSms sms, Long customerId) throws SQLException {
        Instant at = sms.receivedAt() == null ? clock.instant() : sms.receivedAt();
        long conversation = conversations.received(c, sms.from(), customerId, at);
        String answer = autoReplies.mayReply(c, conversation, at) ? businessHours.autoReply(at) : null;
        return new Route("inbox", customerId, null, null, answer);
    }

    private static String truncate(String body) {
        String text = body == null ? "" : body.strip();
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }

    private Optional<Long> store(Connection c, InboundSms sms) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(STORE)) {
            st.setString(1, sms.providerMessageId());
            st.setString(2, sms.from());
            st.setString(3, sms.to());
            st.setString(4, sms.body() == null ? "" : sms.body());
            Instant at = sms.receivedAt() == null ? clock.instant() : sms.receivedAt();
            Jdbc.setInstant(st, 5, at);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    private static Optional<String> storedAnswer(Connection c, String providerId) throws SQLException {
        try (PreparedStatement st =
                c.prepareStatement("SELECT answer FROM inbound_messages WHERE provider_message_id = ?")) {
            st.setString(1, providerId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
