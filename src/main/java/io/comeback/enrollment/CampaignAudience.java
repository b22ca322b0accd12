package io.comeback.enrollment;

import io.comeback.audience.ConditionSql;
import io.comeback.engine.model.Campaign;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who a campaign is for: every living customer with a number whose audience conditions hold, judged in one SQL
 * scan ({@link ConditionSql}, which means what the engine means), with marketing consent for a marketing campaign.
 * The entry rules judge each one again when they enter (consent may change between the preview and the start).
 */
final class CampaignAudience {

    /** One recipient, with what scheduling and the preview need. */
    record Recipient(long customerId, String externalId, ZoneId zone, String locale, String phone) {}

    private CampaignAudience() {}

    /**
     * @param notYetIn only those with no enrollment in the campaign's flow yet (the rest of an A/B campaign)
     */
    static List<Recipient> select(
            Connection c, Campaign campaign, Instant now, Map<String, String> globals, boolean notYetIn)
            throws SQLException {
        String conditions = new ConditionSql(
                        "CAST('" + now + "' AS timestamptz)",
                        globals,
                        campaign.flow().links())
                .all(campaign.flow().entry().audience());
        String sql = """
                SELECT c.id, c.external_id, c.time_zone, c.locale, c.phone FROM customers c
                WHERE c.erased_at IS NULL AND c.phone IS NOT NULL AND (%s) IS TRUE %s %s
                ORDER BY c.id""".formatted(
                        conditions,
                        campaign.flow().settings().isMarketing() ? "AND c.consent_status = 'opted_in'" : "",
                        notYetIn
                                ? "AND NOT EXISTS (SELECT 1 FROM enrollments e WHERE e.flow_id = ? AND e.customer_id = c.id)"
                                : "");
        List<Recipient> recipients = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            if (notYetIn) {
                st.setString(1, campaign.flow().id());
            }
            st.setFetchSize(5_000);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    recipients.add(new Recipient(
                            rs.getLong(1),
                            rs.getString(2),
                            CustomerViews.zone(rs.getString(3)),
                            rs.getString(4),
                            rs.getString(5)));
                }
            }
        }
        return recipients;
    }
}
