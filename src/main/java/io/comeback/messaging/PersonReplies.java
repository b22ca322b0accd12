package io.comeback.messaging;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.DefaultTimeZoneConfig;
import io.comeback.audience.PhoneSuppressions;
import io.comeback.engine.model.FlowSettings;
import io.comeback.engine.text.SmsSegments;
import io.comeback.engine.time.QuietHours;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A text a person writes to one customer from the inbox. It goes the way of every text — a ledger row the dispatcher
 * hands to the gateway once, with its delivery status — as kind {@code conversation}, with the writer in
 * {@code sent_by}. The compliance rules for a conversation:
 * <ul>
 *   <li>never to a number that opted out (the customer's consent, or a STOP from a number no customer has), nor to
 *       one a carrier reported unreachable: refused, nothing is written;</li>
 *   <li>no marketing consent or frequency cap applies: the person asked, someone answers;</li>
 *   <li>within {@link #ANSWER_WINDOW} of the person's last text it leaves at once, at any hour — they are waiting for
 *       the answer; later than that it is held for the default quiet hours (21:00–08:00 in the person's zone), like
 *       any text that comes unasked.</li>
 * </ul>
 * Consent is read under a share lock of the customer row, which an opt-out takes for update: a STOP committing
 * meanwhile is either seen here (refused) or finds this reply's pending row and blocks it ({@link OptOuts}).
 */
@ApplicationScoped
public class PersonReplies {

    public static final String KIND = "conversation";
    public static final Duration ANSWER_WINDOW = Duration.ofHours(24);

    /**
     * @param customerId    null for a number no customer has
     * @param phone         the number the person texted from
     * @param lastInboundAt when they last texted
     */
    public record Reply(Long customerId, String phone, String body, String sentBy, Instant lastInboundAt) {}

    public sealed interface Outcome {}

    /** Written to the ledger; leaves at {@code notBefore} ({@code statusReason} {@code quiet_hours} when held). */
    public record Written(long messageId, Instant notBefore, String statusReason) implements Outcome {}

    /** The text itself cannot be sent (empty, too long). */
    public record Invalid(String field, String message) implements Outcome {}

    /** The person may not be texted: {@code reason} is {@code opted_out}, {@code unreachable_number} or {@code no_phone}. */
    public record Refused(String reason, String message) implements Outcome {}

    private static final String CUSTOMER = """
            SELECT phone, consent_status, time_zone, unreachable_since IS NOT NULL FROM customers
            WHERE id = ? AND erased_at IS NULL FOR SHARE""";
    private static final String INSERT = """
            INSERT INTO outbound_messages (customer_id, to_phone, body, kind, segments, encoding, status, status_reason,
                not_before, created_at, status_at, valid_until, quiet_hours, time_zone, sent_by)
            VALUES (?, ?, ?, 'conversation', ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""";

    private final AgroalDataSource dataSource;
    private final PhoneSuppressions suppressions;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final ZoneId defaultZone;

    public PersonReplies(
            AgroalDataSource dataSource,
            PhoneSuppressions suppressions,
            Dispatcher dispatcher,
            Clock clock,
            DefaultTimeZoneConfig zone) {
        this.dataSource = dataSource;
        this.suppressions = suppressions;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.defaultZone = ZoneId.of(zone.zone());
    }

    public Outcome send(Reply reply) {
        String body = reply.body() == null ? "" : reply.body().strip();
        Optional<Invalid> invalid = check(body);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        Instant now = clock.instant();
        Written written;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Outcome outcome = write(c, reply, body, now);
                if (!(outcome instanceof Written w)) {
                    c.rollback();
                    return outcome;
                }
                c.commit();
                written = w;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write the reply of " + reply.sentBy(), e);
        }
        if (!written.notBefore().isAfter(now)) {
            dispatcher.handOver(List.of(written.messageId()));
        }
        return written;
    }

    private static Optional<Invalid> check(String body) {
        if (body.isEmpty()) {
            return Optional.of(new Invalid("body", "write the reply; an empty text is not sent"));
        }
        SmsSegments.SegmentCount count = SmsSegments.count(body);
        return SegmentCap.refusal(
                        body,
                        count,
                        FlowSettings.MOST_SEGMENTS,
                        "any text may have (" + FlowSettings.MOST_SEGMENTS + "); shorten it")
                .map(reason -> new Invalid("body", reason));
    }

    private Outcome write(Connection c, Reply reply, String body, Instant now) throws SQLException {
        String phone = reply.phone();
        ZoneId zone = defaultZone;
        if (reply.customerId() != null) {
            try (PreparedStatement st = c.prepareStatement(CUSTOMER)) {
                st.setLong(1, reply.customerId());
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next() || rs.getString(1) == null) {
                        return new Refused(ComplianceGate.NO_PHONE, "the customer has no phone number any more");
                    }
                    phone = rs.getString(1);
                    if ("opted_out".equals(rs.getString(2))) {
                        return optedOut(phone);
                    }
                    if (rs.getString(3) != null) {
                        zone = ZoneId.of(rs.getString(3));
                    }
                    if (rs.getBoolean(4)) {
                        return new Refused(
                                ComplianceGate.UNREACHABLE,
                                "the carrier reported " + phone + " unreachable; the reply would not arrive");
                    }
                }
            }
        } else if (phone == null) {
            return new Refused(ComplianceGate.NO_PHONE, "the number was erased");
        } else if (suppressions.isSuppressed(c, phone)) {
            return optedOut(phone);
        }
        Instant notBefore = now;
        String reason = null;
        SendWindow window = null;
        boolean answering = reply.lastInboundAt() != null
                && !now.isAfter(reply.lastInboundAt().plus(ANSWER_WINDOW));
        if (!answering) {
            notBefore = QuietHours.DEFAULT.nextAllowed(now, zone);
            reason = notBefore.isAfter(now) ? SendWindow.REASON : null;
            window = SendWindow.from(notBefore, QuietHours.DEFAULT, zone);
        }
        SmsSegments.SegmentCount count = SmsSegments.count(body);
        try (PreparedStatement st = c.prepareStatement(INSERT)) {
            int i = 0;
            st.setObject(++i, reply.customerId(), java.sql.Types.BIGINT);
            st.setString(++i, phone);
            st.setString(++i, body);
            st.setInt(++i, count.segments());
            st.setString(++i, count.encoding().name().toLowerCase(Locale.ROOT));
            st.setString(++i, reason);
            Jdbc.setInstant(st, ++i, notBefore);
            Jdbc.setInstant(st, ++i, now);
            Jdbc.setInstant(st, ++i, now);
            Jdbc.setInstant(st, ++i, window == null ? null : window.validUntil());
            st.setString(++i, window == null ? null : window.quietHoursText());
            st.setString(++i, window == null ? null : window.zone().getId());
            st.setString(++i, reply.sentBy());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return new Written(rs.getLong(1), notBefore, reason);
            }
        }
    }

    private static Refused optedOut(String phone) {
        return new Refused(
                OptOuts.BLOCKED_REASON,
                phone + " opted out (texted STOP or unsubscribed); no text, not even a reply, goes to it until they "
                        + "text START");
    }
}
