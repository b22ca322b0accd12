package io.comeback.enrollment;

import static io.comeback.testing.Api.given;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.comeback.testing.Api;
import io.comeback.testing.TestData;
import io.quarkus.arc.Arc;
import io.restassured.response.ValidatableResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** Campaign tests' shared steps: a cohort of opted-in customers, the campaign API, and reads of what was sent. */
final class CampaignSteps {

    private CampaignSteps() {}

    /** Imports {@code count} opted-in customers in the zone, numbers from {@code phones}, tagged by the cohort attribute. */
    static List<String> cohort(String cohort, int count, String zone, String locale, Supplier<String> phones) {
        StringBuilder file =
                new StringBuilder("externalId,firstName,phone,timeZone,locale,consentStatus,consentSource,cohort\n");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = TestData.id("camp");
            ids.add(id);
            file.append(id)
                    .append(",Kari,")
                    .append(phones.get())
                    .append(',')
                    .append(zone)
                    .append(',')
                    .append(locale)
                    .append(",opted_in,checkout,")
                    .append(cohort)
                    .append('\n');
        }
        Api.csv(file.toString())
                .post("/api/import/customers")
                .then()
                .statusCode(200)
                .body("imported", equalTo(count));
        return ids;
    }

    static ValidatableResponse put(String id, String yaml) {
        return given().contentType("text/plain; charset=UTF-8")
                .body(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .put("/api/campaigns/" + id)
                .then();
    }

    static ValidatableResponse post(String id, String action) {
        return given().post("/api/campaigns/" + id + "/" + action).then();
    }

    /** Texts of the campaign handed to the gateway, by the recipient's zone. */
    static Map<String, Long> handedOverByZone(String campaignId) {
        return byZone(campaignId, "o.status IN ('queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed')");
    }

    static Map<String, Long> byZone(String campaignId, String where) {
        Map<String, Long> counts = new TreeMap<>();
        query("""
                SELECT c.time_zone, count(*) FROM outbound_messages o JOIN enrollments e ON e.id = o.enrollment_id
                JOIN customers c ON c.id = o.customer_id WHERE e.flow_id = ? AND %s GROUP BY 1""".formatted(where), campaignId, rs -> counts.put(rs.getString(1), rs.getLong(2)));
        return counts;
    }

    /** The most texts the simulator received for one ledger row of the campaign (1 = nothing sent twice). */
    static long mostCopiesOfOneText(String campaignId) {
        long[] most = {0};
        query("""
                SELECT coalesce(max(n), 0) FROM (SELECT count(*) n FROM simulator_messages s
                JOIN outbound_messages o ON o.id = s.ledger_id JOIN enrollments e ON e.id = o.enrollment_id
                WHERE e.flow_id = ? GROUP BY s.ledger_id) t""", campaignId, rs -> most[0] = rs.getLong(1));
        return most[0];
    }

    /** Texts per recipient: the most ledger rows one customer has in the campaign. */
    static long mostTextsToOnePerson(String campaignId) {
        long[] most = {0};
        query("""
                SELECT coalesce(max(n), 0) FROM (SELECT count(*) n FROM outbound_messages o
                JOIN enrollments e ON e.id = o.enrollment_id WHERE e.flow_id = ? GROUP BY o.customer_id) t""", campaignId, rs -> most[0] = rs.getLong(1));
        return most[0];
    }

    static long simulatorTexts(String campaignId) {
        long[] n = {0};
        query("""
                SELECT count(*) FROM simulator_messages s JOIN outbound_messages o ON o.id = s.ledger_id
                JOIN enrollments e ON e.id = o.enrollment_id WHERE e.flow_id = ?""", campaignId, rs -> n[0] = rs.getLong(1));
        return n[0];
    }

    interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    static void query(String sql, String campaignId, RowReader reader) {
        AgroalDataSource dataSource =
                Arc.container().instance(AgroalDataSource.class).get();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, "campaign." + campaignId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
