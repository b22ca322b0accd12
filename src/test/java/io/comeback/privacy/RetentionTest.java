package io.comeback.privacy;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.comeback.jobs.RetentionJob;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

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

    @Test
    void eachKindIsBlankedOrDeletedWhenPastItsTimeAndTheFlowReportStaysTheSame() {
        Instant now = TestClockProducer.CLOCK.instant().truncatedTo(ChronoUnit.SECONDS);
        String flow = TestData.id("retention");
        flowRan(flow);
        String person = TestData.customerId();
        long customer = customer(person);
        String phone = TestData.norwegianMobile();
        long enrollment = exitedEnrollment(flow, customer, now.minus(days(400)), now.minus(days(5)));

        // Texts: one past 180 days (just), one inside (just), one 100 days old, one old but never handed over.
        long oldText = text(
                flow,
                enrollment,
                customer,
                phone,
                "delivered",
                now.minus(days(180)).minus(Duration.ofHours(1)));
        long keptText = text(
                flow,
                enrollment,
                customer,
                phone,
                "delivered",
                now.minus(days(180)).plus(Duration.ofHours(1)));
        long youngText = text(flow, enrollment, customer, phone, "sent", now.minus(days(100)));
        // (Held back until next month, as a deferred text is: the running dispatcher leaves it alone.)
        long pendingText = text(flow, enrollment, customer, phone, "pending", now.minus(days(300)), now.plus(days(30)));
        // Held by a paused flow, and waiting for a marketer's approval: both may still leave.
        long heldText = text(flow, enrollment, customer, phone, "held", now.minus(days(300)));
        long awaitingText = text(flow, enrollment, customer, phone, "awaiting_approval", now.minus(days(300)));
        // Replies to the flow: one 200 days old, one 10 days old.
        long oldReply = reply(customer, enrollment, phone, now.minus(days(200)));
        long youngReply = reply(customer, enrollment, phone, now.minus(days(10)));
        // Raw webhooks: 31 and 29 days old, of both kinds.
        String oldInboundHook = rawInbound(phone, now.minus(days(31)));
        String youngInboundHook = rawInbound(phone, now.minus(days(29)));
        String oldStatusHook = rawStatus(phone, now.minus(days(31)));
        String youngStatusHook = rawStatus(phone, now.minus(days(29)));
        // Events: recorded 366 and 364 days ago, with properties.
        long oldEvent = event(customer, now.minus(days(366)));
        long youngEvent = event(customer, now.minus(days(364)));
        // Consent history, years old: an opt-out by SMS and an opted-out number kept only as its hash.
        long optOut = consent(customer, phone, null, now.minus(days(1000)));
        long suppression = consent(null, null, "hash-" + flow, now.minus(days(1000)));

        String from = now.minus(days(500)).toString();
        String to = now.plus(days(1)).toString();
        String report = report(flow, from, to);
        assertThat(JsonPath.from(report).getInt("funnel.sent"))
                .as("texts sent in the period")
                .isEqualTo(3);

        Map<String, Long> first = job.apply();

        assertThat(body(oldText)).as("a text past 180 days").isEmpty();
        assertThat(body(keptText)).as("a text an hour inside 180 days").isEqualTo("Hei!");
        assertThat(body(youngText)).isEqualTo("Hei!");
        assertThat(body(pendingText))
                .as("a text not handed over may still leave")
                .isEqualTo("Hei!");
        assertThat(body(heldText)).as("a text held by a paused flow").isEqualTo("Hei!");
        assertThat(body(awaitingText)).as("a text waiting for an approval").isEqualTo("Hei!");
        assertThat(reply(oldReply)).isEmpty();
        assertThat(reply(youngReply)).isEqualTo("Ja, gjerne");
        assertThat(rawInboundExists(oldInboundHook)).isFalse();
        assertThat(rawInboundExists(youngInboundHook)).isTrue();
        assertThat(rawStatusExists(oldStatusHook)).isFalse();
        assertThat(rawStatusExists(youngStatusHook)).isTrue();
        assertThat(eventProperties(oldEvent)).isEqualTo("{}");
        assertThat(eventProperties(youngEvent)).contains("utm_source");
        assertThat(first)
                .containsKeys(
                        "message-bodies",
                        "inbound-texts",
                        "raw-inbound-webhooks",
                        "raw-status-webhooks",
                        "event-properties");
        assertThat(first.values()).allMatch(n -> n >= 1);
        assertThat(consentRow(optOut)).isEqualTo("opt_out opted_out sms: STOPP " + phone + " null");
        assertThat(consentRow(suppression)).isEqualTo("opt_out opted_out sms: STOPP null hash-" + flow);
        assertThat(report(flow, from, to))
                .as("the flow's report after the first run")
                .isEqualTo(report);

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
        assertThat(consentRow(optOut)).isEqualTo("opt_out opted_out sms: STOPP " + phone + " null");
        assertThat(consentRow(suppression)).isEqualTo("opt_out opted_out sms: STOPP null hash-" + flow);
        assertThat(JsonPath.from(report(flow, from, to)).getInt("funnel.sent"))
                .as("texts sent in the period, after the second run")
                .isEqualTo(3);
        assertThat(report(flow, from, to))
                .as("the flow's report after the second run")
                .isEqualTo(report);

        given().delete("/api/customers/" + person).then().statusCode(204);
    }

    private String report(String flow, String from, String to) {
        return given().queryParam("from", from)
                .queryParam("to", to)
                .get("/api/reports/flows/" + flow)
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    private static Duration days(int n) {
        return Duration.ofDays(n);
    }

    /** A flow that ran once (its version is in the history), so reports know it; not in the flow folder. */
    private void flowRan(String flow) {
        String source = "id: " + flow + "\nname: Retention test\ntrigger: customer_created\nsteps:\n"
                + "  - id: hello\n    send:\n      text: \"Hei! Svar STOPP for å melde deg av.\"\n";
        queryLong("INSERT INTO flow_versions (flow_id, version, source) VALUES (?, 'v1', ?) RETURNING 1", flow, source);
    }

    /** A customer created through the API (no phone, so no flow texts them); returns the internal id. */
    private long customer(String externalId) {
        given().body(Map.of("firstName", "Test"))
                .put("/api/customers/" + externalId)
                .then()
                .statusCode(201);
        return queryLong("SELECT id FROM customers WHERE external_id = ?", externalId);
    }

    private long exitedEnrollment(String flow, long customer, Instant entered, Instant exited) {
        return queryLong("""
                INSERT INTO enrollments (flow_id, flow_version, customer_id, status, entered_at, exited_at, exit_reason, conversion)
                VALUES (?, 'v1', ?, 'exited', ?, ?, 'done', false) RETURNING id""", flow, customer, entered, exited);
    }

    private long text(String flow, long enrollment, long customer, String phone, String status, Instant created) {
        return text(flow, enrollment, customer, phone, status, created, created);
    }

    private long text(
            String flow,
            long enrollment,
            long customer,
            String phone,
            String status,
            Instant created,
            Instant notBefore) {
        return queryLong(
                """
                INSERT INTO outbound_messages (enrollment_id, send_key, customer_id, flow_id, flow_version, step_id, to_phone,
                    body, kind, status, not_before, created_at, status_at)
                VALUES (?, ?, ?, ?, 'v1', 'hello', ?, 'Hei!', 'marketing', ?, ?, ?, ?) RETURNING id""",
                enrollment,
                TestData.id("key"),
                customer,
                flow,
                phone,
                status,
                notBefore,
                created,
                created.plusSeconds(5));
    }

    private long reply(long customer, long enrollment, String phone, Instant received) {
        return queryLong("""
                INSERT INTO inbound_messages (provider_message_id, from_phone, body, received_at, customer_id, routed_to, enrollment_id)
                VALUES (?, ?, 'Ja, gjerne', ?, ?, 'enrollment', ?) RETURNING id""", TestData.messageSid(), phone, received, customer, enrollment);
    }

    private String rawInbound(String phone, Instant received) {
        String sid = TestData.messageSid();
        queryLong("""
                INSERT INTO twilio_inbound_messages (message_sid, from_number, to_number, body, params, received_at, applied_at)
                VALUES (?, ?, '+4790000000', 'Ja, gjerne', '{"Body": "Ja, gjerne"}', ?, ?) RETURNING 1""", sid, phone, received, received);
        return sid;
    }

    private String rawStatus(String phone, Instant received) {
        String sid = TestData.messageSid();
        queryLong("""
                INSERT INTO twilio_status_callbacks (message_sid, message_status, to_number, params, received_at, applied_at)
                VALUES (?, 'delivered', ?, '{"To": "number"}', ?, ?) RETURNING 1""", sid, phone, received, received);
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
        return queryString(
                "SELECT change || ' ' || status || ' ' || source || ' ' || coalesce(phone, 'null') || ' '"
                        + " || coalesce(convert_from(phone_hash, 'UTF8'), 'null') FROM consent_events WHERE id = ?",
                id);
    }

    private long queryLong(String sql, Object... params) {
        return Long.parseLong(queryString(sql, params));
    }

    private String queryString(String sql, Object... params) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                st.setObject(i + 1, p instanceof Instant at ? OffsetDateTime.ofInstant(at, ZoneOffset.UTC) : p);
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
