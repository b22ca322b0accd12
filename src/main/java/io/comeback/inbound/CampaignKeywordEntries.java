package io.comeback.inbound;

import io.comeback.audience.Customer;
import io.comeback.engine.model.Campaign;
import io.comeback.engine.model.CampaignKeyword;
import io.comeback.engine.text.Template;
import io.comeback.engine.text.TextNormalizer;
import io.comeback.enrollment.CampaignSources;
import io.comeback.enrollment.Enrollments;
import io.comeback.enrollment.TriggerContext;
import io.comeback.flows.CampaignStore;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keyword entries of campaigns ("reply VIP to join"): a recipient of a running campaign who texts one of its words
 * within its window is recorded once ({@code campaign_entries}), answered with the campaign's confirmation in their
 * language, and entered into its {@code then} flow. A second text with the word is not a second entry; it is answered
 * again, so the person knows they are in.
 */
@ApplicationScoped
public class CampaignKeywordEntries {

    private static final String RECIPIENT = "SELECT 1 FROM enrollments WHERE customer_id = ? AND flow_id = ? LIMIT 1";
    private static final String RECORD = """
            INSERT INTO campaign_entries (campaign_id, customer_id, entered_at, keyword) VALUES (?, ?, ?, ?)
            ON CONFLICT (campaign_id, customer_id) DO NOTHING""";

    private final CampaignStore store;
    private final CampaignSources sources;
    private final Enrollments enrollments;

    public CampaignKeywordEntries(CampaignStore store, CampaignSources sources, Enrollments enrollments) {
        this.store = store;
        this.sources = sources;
        this.enrollments = enrollments;
    }

    /** The entry this text makes, in the caller's transaction; empty when it is no campaign's keyword for this person. */
    Optional<InboundRoute> enter(Connection c, Customer customer, InboundSms sms, String language, Instant at)
            throws SQLException {
        String first =
                TextNormalizer.normalize(TextNormalizer.normalize(sms.body()).split("\\s+", 2)[0]);
        for (CampaignStore.Row row : store.running()) {
            Optional<Campaign> campaign = sources.of(row);
            if (campaign.isEmpty() || campaign.get().keyword().isEmpty()) {
                continue;
            }
            CampaignKeyword keyword = campaign.get().keyword().get();
            boolean open = !at.isBefore(row.startedAt())
                    && at.isBefore(keyword.openFor().addTo(row.startedAt(), ZoneOffset.UTC));
            boolean word = keyword.words().stream()
                    .anyMatch(w -> TextNormalizer.normalize(w).equals(first));
            if (open && word && recipient(c, customer.id, campaign.get())) {
                boolean recorded = record(c, row.id(), customer.id, InboundRouting.firstWord(sms.body()), at);
                if (recorded && keyword.then().isPresent()) {
                    enrollments.enterAll(
                            c,
                            keyword.then().get(),
                            List.of(new Enrollments.Candidate(
                                    customer.id, TriggerContext.now(), "campaign " + row.id() + " keyword entry")));
                }
                String text = keyword.confirm()
                        .forLocale(language, campaign.get().flow().settings().defaultLocale())
                        .template();
                Map<String, String> values =
                        Map.of("customer.firstName", customer.firstName == null ? "" : customer.firstName);
                String answer = Template.parse(text).render(v -> Optional.ofNullable(values.get(v)));
                return Optional.of(new InboundRoute(
                        "campaign_entry",
                        customer.id,
                        null,
                        campaign.get().flow().id(),
                        answer));
            }
        }
        return Optional.empty();
    }

    private static boolean recipient(Connection c, long customerId, Campaign campaign) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(RECIPIENT)) {
            st.setLong(1, customerId);
            st.setString(2, campaign.flow().id());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean record(Connection c, String campaignId, long customerId, String word, Instant at)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(RECORD)) {
            st.setString(1, campaignId);
            st.setLong(2, customerId);
            Jdbc.setInstant(st, 3, at);
            st.setString(4, word);
            return st.executeUpdate() == 1;
        }
    }
}
