package io.comeback.audience.inactivity;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.comeback.engine.model.FlowDuration;
import io.comeback.engine.model.ReEntry;
import io.comeback.engine.model.SourceLocation;
import io.comeback.engine.model.Trigger;
import io.comeback.testing.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cool-down reads {@code detector_last_matches}, which {@link MatchStore} keeps with the log: the
 * three re-entry rules, refused entries not counting, and a late-recorded older match never moving
 * the latest one back. Each test has a flow id of its own, so its cool-down count is exact; who is
 * eligible is read from the sample (histories lie in 1995, before every other test's orders, so few
 * customers are lapsed then and the sample holds all of them). The customers are erased afterwards,
 * so no later test sees them lapsed.
 */
@QuarkusTest
class LastMatchCoolDownTest {

    static final Instant T = Instant.parse("1995-12-01T10:00:00Z");
    static final Trigger.Inactive NO_ORDER_FOR_90_DAYS = new Trigger.Inactive(
            Optional.of(FlowDuration.of("P90D")),
            OptionalDouble.empty(),
            3,
            Optional.empty(),
            OptionalInt.empty(),
            SourceLocation.UNKNOWN);

    @Inject
    Audience audience;

    @Inject
    InactiveAudience inactive;

    @Inject
    MatchStore log;

    @Inject
    AgroalDataSource dataSource;

    String flow;
    Audience.Person entered;
    Audience.Person refused;

    @BeforeEach
    void twoLapsedCustomersOneEnteredOneRefused() throws Exception {
        flow = TestData.id("last-match");
        entered = audience.person("Europe/Oslo", true, List.of(Instant.parse("1995-06-01T10:00:00Z")), List.of());
        refused = audience.person("Europe/Oslo", true, List.of(Instant.parse("1995-06-02T10:00:00Z")), List.of());
        assertThat(preview(new ReEntry.Never(SourceLocation.UNKNOWN), T)).isEqualTo(new Seen(2, 0));
        record(T, Map.of(entered.id(), MatchOutcome.ENTERED, refused.id(), MatchOutcome.REFUSED));
    }

    @AfterEach
    void erase() {
        for (Audience.Person person : List.of(entered, refused)) {
            assertThat(audience.erase(person.externalId())).isTrue();
        }
    }

    @Test
    void neverKeepsOutWhoeverEnteredButNotWhoWasRefused() throws Exception {
        assertThat(lastMatch(entered.id())).contains(T);
        assertThat(lastMatch(refused.id())).as("refused entries do not count").isEmpty();
        assertThat(preview(new ReEntry.Never(SourceLocation.UNKNOWN), T.plus(Duration.ofDays(400))))
                .isEqualTo(new Seen(1, 1));
    }

    @Test
    void cooldownLetsThemBackOnceItHasRunOutAndAnOlderMatchRecordedLateDoesNotShortenIt() throws Exception {
        ReEntry thirtyDays = new ReEntry.Cooldown(FlowDuration.of("P30D"), SourceLocation.UNKNOWN);
        assertThat(preview(thirtyDays, T.plus(Duration.ofDays(29)))).isEqualTo(new Seen(1, 1));
        assertThat(preview(thirtyDays, T.plus(Duration.ofDays(31)))).isEqualTo(new Seen(2, 0));

        Instant earlier = T.minus(Duration.ofDays(10));
        record(earlier, Map.of(entered.id(), MatchOutcome.HELD_OUT));
        assertThat(lastMatch(entered.id())).contains(T);
        // Had the older match replaced the latest, the cool-down would have ended on day 20.
        assertThat(preview(thirtyDays, T.plus(Duration.ofDays(25)))).isEqualTo(new Seen(1, 1));

        Instant later = T.plus(Duration.ofDays(40));
        record(later, Map.of(entered.id(), MatchOutcome.RECORDED, refused.id(), MatchOutcome.HELD_OUT));
        assertThat(lastMatch(entered.id())).contains(later);
        assertThat(lastMatch(refused.id())).contains(later);
        assertThat(preview(thirtyDays, later.plus(Duration.ofDays(29)))).isEqualTo(new Seen(0, 2));
    }

    @Test
    void alwaysWaitsForANewLapseAfterAnOrder() throws Exception {
        ReEntry always = new ReEntry.Always(SourceLocation.UNKNOWN);
        assertThat(preview(always, T.plus(Duration.ofDays(200)))).isEqualTo(new Seen(1, 1));
        audience.order(entered.externalId(), T.plus(Duration.ofDays(5)));
        // Ordered after the match: not lapsed until 90 days later, then lapsed anew and eligible.
        assertThat(preview(always, T.plus(Duration.ofDays(60)))).isEqualTo(new Seen(1, 0));
        assertThat(preview(always, T.plus(Duration.ofDays(100)))).isEqualTo(new Seen(2, 0));
    }

    /** Of this test's two customers, how many are eligible; how many customers the flow's cool-down keeps out. */
    record Seen(long eligible, long coolDown) {}

    private Seen preview(ReEntry reEntry, Instant asOf) {
        InactiveAudience.Preview preview = inactive.preview(
                NO_ORDER_FOR_90_DAYS,
                Optional.of(new InactiveAudience.FlowRules(flow, reEntry, List.of(), Map.of())),
                asOf,
                1_000);
        assertThat(preview.sample()).hasSizeLessThan(1_000);
        long eligible = preview.sample().stream()
                .filter(s -> s.id() == entered.id() || s.id() == refused.id())
                .count();
        return new Seen(eligible, preview.counts().coolDown());
    }

    private void record(Instant at, Map<Long, MatchOutcome> outcomes) {
        List<Long> ids = List.copyOf(outcomes.keySet());
        List<WinbackEnrollment.Match> matches = ids.stream()
                .map(id -> new WinbackEnrollment.Match(id, new MatchReason(at, List.of())))
                .toList();
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection connection = dataSource.getConnection()) {
                log.record(
                        connection,
                        flow,
                        "v1",
                        at,
                        matches,
                        ids.stream().map(outcomes::get).toList());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private Optional<Instant> lastMatch(long customerId) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "SELECT last_matched_at FROM detector_last_matches WHERE flow_id = ? AND customer_id = ?")) {
            st.setString(1, flow);
            st.setLong(2, customerId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next()
                        ? Optional.of(
                                rs.getObject(1, java.time.OffsetDateTime.class).toInstant())
                        : Optional.empty();
            }
        }
    }
}
