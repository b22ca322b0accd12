package io.comeback.web;

import io.agroal.api.AgroalDataSource;
import io.comeback.jobs.RetentionJob;
import io.comeback.testing.TestClockProducer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static io.comeback.web.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retention job blanks or deletes exactly what is past its time (bodies 180 days, inbound texts 180 days, raw
 * webhooks 30 days, event properties 365 days: the defaults) as the clock moves, and leaves what reports count, the
 * consent history and the opt-out suppression list: the flow's report is the same before and after.
 */
@QuarkusTest
class RetentionTest {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    RetentionJob job;

    @AfterEach
    void resetClock() {
        TestClockProducer.CLOCK.reset();
    }

    @Test
    void eachKindIsBlankedOrDeletedWhenPastItsTimeAndTheFlowReportStaysTheSame() {
        Instant now = TestClockProducer.CLOCK.instant().truncatedTo(ChronoUnit.SECONDS);
        ReportData data = new ReportData(dataSource);
        String flow = Api.uniqueId("retention");
        data.flow(flow, null);
        String person = Api.uniqueId("p");
        long customer = data.customer(person);
        long enrollment = data.enrollment(flow, customer, "exited", iso(now.minus(days(400))), false, "done", iso(now.minus(days(5))));

        // Texts: one past 180 days (just), one inside (just), one 100 days old, one old but never handed over.
        long oldText = text(flow, enrollment, customer, "delivered", now.minus(days(180)).minus(Duration.ofHours(1)));
        long keptText = text(flow, enrollment, customer, "delivered", now.minus(days(180)).plus(Duration.ofHours(1)));
        long youngText = text(flow, enrollment, customer, "sent", now.minus(days(100)));
        // (Held back until next month, as a deferred text is: the running dispatcher leaves it alone.)
        long pendingText = text(flow, enrollment, customer, "pending", now.minus(days(300)), now.plus(days(30)));
        // Replies to the flow: one 200 days old, one 10 days old.
        long oldReply = reply(customer, enrollment, now.minus(days(200)));
        long youngReply = reply(customer, enrollment, now.minus(days(10)));
        // Raw webhooks: 31 and 29 days old, of both kinds.
        String oldInboundHook = rawInbound(now.minus(days(31)));
        String youngInboundHook = rawInbound(now.minus(days(29)));
        String oldStatusHook = rawStatus(now.minus(days(31)));
        String youngStatusHook = rawStatus(now.minus(days(29)));
        // Events: recorded 366 and 364 days ago, with properties.
        long oldEvent = event(customer, now.minus(days(366)));
        long youngEvent = event(customer, now.minus(days(364)));
        // Consent history, years old: an opt-out by SMS and an opted-out number kept only as its hash.
        long optOut = consent(customer, "+4790000001", null, now.minus(days(1000)));
        long suppression = consent(null, null, "hash-" + flow, now.minus(days(1000)));

        String from = iso(now.minus(days(500))), to = iso(now.plus(days(1)));
        String report = report(flow, from, to);
        assertThat(io.restassured.path.json.JsonPath.from(report).getInt("funnel.sent")).as("texts sent in the period").isEqualTo(3);

        Map<String, Long> first = job.apply();

        assertThat(body(oldText)).as("a text past 180 days").isEmpty();
        assertThat(body(keptText)).as("a text an hour inside 180 days").isEqualTo("Hei!");
        assertThat(body(youngText)).isEqualTo("Hei!");
        assertThat(body(pendingText)).as("a text not handed over may still leave").isEqualTo("Hei!");
        assertThat(reply(oldReply)).isEmpty();
        assertThat(reply(youngReply)).isEqualTo("Ja, gjerne");
        assertThat(rawInboundExists(oldInboundHook)).isFalse();
        assertThat(rawInboundExists(youngInboundHook)).isTrue();
        assertThat(rawStatusExists(oldStatusHook)).isFalse();
        assertThat(rawStatusExists(youngStatusHook)).isTrue();
        assertThat(eventProperties(oldEvent)).isEqualTo("{}");
        assertThat(eventProperties(youngEvent)).contains("utm_source");
        assertThat(first).containsKeys("message-bodies", "inbound-texts", "raw-inbound-webhooks", "raw-status-webhooks",
                "event-properties");
        assertThat(first.values()).allMatch(n -> n >= 1);
        assertThat(consentRow(optOut)).isEqualTo("opt_out opted_out sms: STOPP +4790000001 null");
        assertThat(consentRow(suppression)).isEqualTo("opt_out opted_out sms: STOPP null hash-" + flow);
        assertThat(report(flow, from, to)).as("the flow's report after the first run").isEqualTo(report);

        // 90 days on: the 100-day-old text and the text an hour inside are past 180 days, the 10-day-old reply is not.
        TestClockProducer.CLOCK.advance(days(90));
        job.apply();

        assertThat(body(keptText)).isEmpty();
        assertThat(body(youngText)).isEmpty();
        assertThat(body(pendingText)).isEqualTo("Hei!");
        assertThat(reply(youngReply)).isEqualTo("Ja, gjerne");
        assertThat(rawInboundExists(youngInboundHook)).isFalse();
        assertThat(rawStatusExists(youngStatusHook)).isFalse();
        assertThat(eventProperties(youngEvent)).isEqualTo("{}");
        assertThat(consentRow(optOut)).isEqualTo("opt_out opted_out sms: STOPP +4790000001 null");
        assertThat(consentRow(suppression)).isEqualTo("opt_out opted_out sms: STOPP null hash-" + flow);
        assertThat(report(flow, from, to)).as("the flow's report after the second run").isEqualTo(report);

        given().delete("/api/customers/" + person).then().statusCode(204);
    }

    private String report(String flow, String from, String to) {
        return given().queryParam("from", from).queryParam("to", to).get("/api/reports/flows/" + flow).then()
                .statusCode(200).extract().asString();
    }

    private static Duration days(int n) {
        return Duration.ofDays(n);
    }

    private static String iso(Instant at) {
        return at.toString();
    }

    private long text(String flow, long enrollment, long customer, String status, Instant created) {
        return text(flow, enrollment, customer, status, created, created);
    }

    private long text(String flow, long enrollment, long customer, String status, Instant created, Instant notBefore) {
        return queryLong("""
                INSERT INTO outbound_messages (enrollment_id, send_key, customer_id, flow_id, flow_version, step_id, to_phone,
                    body, kind, status, not_before, created_at, status_at)
                VALUES (?, ?, ?, ?, 'v1', 'hello', '+4790000001', 'Hei!', 'marketing', ?, ?, ?, ?) RETURNING id""",
                enrollment, Api.uniqueId("key"), customer, flow, status, notBefore, created, created.plusSeconds(5));
    }

    private long reply(long customer, long enrollment, Instant received) {
        return queryLong("""
                INSERT INTO inbound_messages (provider_message_id, from_phone, body, received_at, customer_id, routed_to, enrollment_id)
                VALUES (?, '+4790000001', 'Ja, gjerne', ?, ?, 'enrollment', ?) RETURNING id""",
                Api.uniqueId("SM"), received, customer, enrollment);
    }

    private String rawInbound(Instant received) {
        String sid = Api.uniqueId("SM");
        queryLong("""
                INSERT INTO twilio_inbound_messages (message_sid, from_number, to_number, body, params, received_at, applied_at)
                VALUES (?, '+4790000001', '+4790000000', 'Ja, gjerne', '{"Body": "Ja, gjerne"}', ?, ?) RETURNING 1""",
                sid, received, received);
        return sid;
    }

    private String rawStatus(Instant received) {
        String sid = Api.uniqueId("SM");
        queryLong("""
                INSERT INTO twilio_status_callbacks (message_sid, message_status, to_number, params, received_at, applied_at)
                VALUES (?, 'delivered', '+4790000001', '{"To": "+4790000001"}', ?, ?) RETURNING 1""", sid, received, received);
        return sid;
    }

    private long event(long customer, Instant recorded) {
        return queryLong("""
                INSERT INTO engagement_events (customer_id, type, at, properties, created_at)
                VALUES (?, 'site_visit', ?, '{"utm_source": "sms"}', ?) RETURNING id""", customer, recorded, recorded);
    }

    private long consent(Long customer, String phone, String hash, Instant at) {
        return queryLong("""
                INSERT INTO consent_events (customer_id, phone, phone_hash, change, status, source, at)
                VALUES (?, ?, convert_to(?, 'UTF8'), 'opt_out', 'opted_out', 'sms: STOPP', ?) RETURNING id""", customer, phone, hash, at);
    }

    private String body(long text) {
        return queryString("SELECT body FROM outbound_messages WHERE id = ?", text);
    }

    private String reply(long inbound) {
        return queryString("SELECT body FROM inbound_messages WHERE id = ?", inbound);
    }

    private boolean rawInboundExists(String sid) {
        return queryLong("SELECT count(*) FROM twilio_inbound_messages WHERE message_sid = ?", sid) == 1;
    }

    private boolean rawStatusExists(String sid) {
        return queryLong("SELECT count(*) FROM twilio_status_callbacks WHERE message_sid = ?", sid) == 1;
    }

    private String eventProperties(long event) {
        return queryString("SELECT properties::text FROM engagement_events WHERE id = ?", event);
    }

    private String consentRow(long id) {
        return queryString("SELECT change || ' ' || status || ' ' || source || ' ' || coalesce(phone, 'null') || ' '"
                + " || coalesce(convert_from(phone_hash, 'UTF8'), 'null') FROM consent_events WHERE id = ?", id);
    }

    private long queryLong(String sql, Object... params) {
        return Long.parseLong(queryString(sql, params));
    }

    private String queryString(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                st.setObject(i + 1, p instanceof Instant at ? java.time.OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC) : p);
            }
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).as(sql).isTrue();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
