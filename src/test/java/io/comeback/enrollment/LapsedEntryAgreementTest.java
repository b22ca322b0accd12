package io.comeback.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.CustomerInput;
import io.comeback.audience.CustomerService;
import io.comeback.privacy.PersonErasure;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The inactivity detector enters its matches through {@link Enrollments#enterLapsed}, which judges
 * consent, the flow's entry conditions and earlier enrollments from one SQL statement instead of
 * each customer's full view: it must decide exactly what the general {@link Enrollments#enterAll}
 * decides. Both enter the same customers of winback.yaml (marketing, {@code not tag needs_follow_up},
 * cool-down P180D, holdout 10 %) in a transaction rolled back afterwards, and every outcome, entry
 * log row and enrollment row written must be the same, for each rule that keeps someone out.
 */
@QuarkusTest
class LapsedEntryAgreementTest {

    static final String FLOW = "winback";
    static final Instant NOW = Instant.parse("2026-03-10T09:00:00Z");

    @Inject
    Enrollments enrollments;

    @Inject
    CustomerService customers;

    @Inject
    PersonErasure erasure;

    @Inject
    AgroalDataSource dataSource;

    private final List<String> created = new ArrayList<>();
    private final List<Long> createdIds = new ArrayList<>();

    /** The enrollments made up for the test go too, so no report or later test counts them. */
    @AfterEach
    void erase() throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement("DELETE FROM enrollments WHERE flow_id = ? AND customer_id = ANY (?)")) {
            st.setString(1, FLOW);
            st.setArray(2, c.createArrayOf("bigint", createdIds.toArray()));
            st.executeUpdate();
        }
        created.forEach(erasure::erase);
    }

    @Test
    void theBulkEntryDecidesExactlyAsTheGeneralEntry() throws Exception {
        TestClockProducer.CLOCK.setTo(NOW);
        List<Long> ids = new ArrayList<>();
        // Consenting customers until the holdout has picked one of them and three are left to enter.
        int heldOut = 0;
        int free = 0;
        while (heldOut < 1 || free < 3) {
            long id = customer("Europe/Oslo", "opted_in");
            ids.add(id);
            if (Holdout.heldOut(FLOW, id, 1, 10)) {
                heldOut++;
            } else {
                free++;
            }
        }
        ids.add(customer("Europe/Oslo", "opted_out"));
        ids.add(customer("America/New_York", null));
        long followUp = customer("Europe/Oslo", "opted_in");
        sql("UPDATE customers SET tags = '{needs_follow_up, vip}' WHERE id = " + followUp);
        ids.add(followUp);
        long running = customer("Europe/Oslo", "opted_in");
        enrollment(running, NOW.minus(Duration.ofDays(3)), null);
        ids.add(running);
        long coolingInNewYork = customer("America/New_York", "opted_in");
        enrollment(coolingInNewYork, NOW.minus(Duration.ofDays(100)), NOW.minus(Duration.ofDays(80)));
        ids.add(coolingInNewYork);
        long backAgain = customer("Asia/Tokyo", "opted_in");
        enrollment(backAgain, NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(380)));
        ids.add(backAgain);
        ids.add(ids.get(0));
        ids.add(Long.MAX_VALUE - 7);
        List<String> reasons = ids.stream().map(id -> "inactive: fixed_window").toList();
        List<Enrollments.Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            candidates.add(new Enrollments.Candidate(ids.get(i), TriggerContext.of(Map.of()), reasons.get(i)));
        }

        List<String> general = rolledBack(ids, () -> enrollments.enterAll(FLOW, candidates));
        List<String> bulk = rolledBack(ids, () -> enrollments.enterLapsed(FLOW, ids, reasons));

        assertThat(general).as("entry log rows written").anyMatch(row -> row.startsWith("log "));
        assertThat(bulk).isEqualTo(general);
        TreeSet<String> labels = new TreeSet<>();
        general.stream().filter(line -> line.startsWith("outcome ")).forEach(line -> labels.add(line.split(" ")[1]));
        assertThat(labels)
                .as("every rule is exercised")
                .containsExactlyInAnyOrder(
                        "entered", "held_out", "no_consent", "audience", "already_running", "cool_down", "no_customer");
        String secondEntry =
                "enrollment " + backAgain + " " + (Holdout.heldOut(FLOW, backAgain, 2, 10) ? "held_out" : "new") + " ";
        assertThat(general).as("a returning customer's second entry").anyMatch(row -> row.startsWith(secondEntry));
    }

    /** Runs the entry in a transaction that is rolled back, describing what it answered and wrote. */
    private List<String> rolledBack(List<Long> ids, Supplier<List<EntryOutcome>> entry) throws Exception {
        List<String> seen = new ArrayList<>();
        QuarkusTransaction.begin();
        try {
            for (EntryOutcome outcome : entry.get()) {
                seen.add("outcome " + outcome.label()
                        + (outcome instanceof EntryOutcome.Refused r ? " " + r.detail() : ""));
            }
            try (Connection c = dataSource.getConnection()) {
                seen.addAll(rows(c, """
                        SELECT 'log ' || customer_id || ' ' || outcome || ' ' || coalesce(detail, '-') || ' '
                               || (enrollment_id IS NOT NULL)
                        FROM entry_log WHERE flow_id = ? AND customer_id = ANY (?) AND at >= ? ORDER BY id""", ids));
                seen.addAll(rows(c, """
                        SELECT 'enrollment ' || customer_id || ' ' || status || ' ' || flow_version || ' '
                               || coalesce((next_wake_at = entered_at)::text, '-') || ' '
                               || coalesce((exited_at = entered_at)::text, '-') || ' '
                               || coalesce(exit_reason, '-') || ' ' || entry_reason || ' ' || start_context::text
                        FROM enrollments WHERE flow_id = ? AND customer_id = ANY (?) AND entered_at >= ? ORDER BY id""", ids));
            }
        } finally {
            QuarkusTransaction.rollback();
        }
        return seen;
    }

    private List<String> rows(Connection c, String sql, List<Long> ids) throws Exception {
        List<String> rows = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, FLOW);
            st.setArray(2, c.createArrayOf("bigint", ids.toArray()));
            st.setObject(3, java.time.OffsetDateTime.ofInstant(NOW.minusSeconds(1), java.time.ZoneOffset.UTC));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
        }
        return rows;
    }

    private long customer(String zone, String consent) {
        String externalId = TestData.id("lapsed-entry");
        String phone = TestData.norwegianMobile();
        CustomerService.PutResult put = customers.put(
                externalId,
                new CustomerInput(
                        phone,
                        "Kari",
                        "Nordmann",
                        null,
                        "nb-NO",
                        zone,
                        null,
                        Map.of(),
                        consent == null ? null : new CustomerInput.ConsentInput(consent, "test", null, null)));
        assertThat(put).isInstanceOf(CustomerService.Stored.class);
        created.add(externalId);
        long id = ((CustomerService.Stored) put).customer().id;
        createdIds.add(id);
        return id;
    }

    private void enrollment(long customerId, Instant entered, Instant exited) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("""
                INSERT INTO enrollments (flow_id, flow_version, customer_id, status, entered_at, exited_at, exit_reason, updated_at)
                VALUES (?, 'test', ?, ?, ?, ?, ?, ?)""")) {
            st.setString(1, FLOW);
            st.setLong(2, customerId);
            st.setString(3, exited == null ? "waiting_timer" : "exited");
            st.setObject(4, java.time.OffsetDateTime.ofInstant(entered, java.time.ZoneOffset.UTC));
            st.setObject(
                    5, exited == null ? null : java.time.OffsetDateTime.ofInstant(exited, java.time.ZoneOffset.UTC));
            st.setString(6, exited == null ? null : "completed");
            st.setObject(7, java.time.OffsetDateTime.ofInstant(entered, java.time.ZoneOffset.UTC));
            st.executeUpdate();
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(statement)) {
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
    }
}
