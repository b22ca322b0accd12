package io.comeback.web.dashboard;

import io.agroal.api.AgroalDataSource;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What the customer page reads besides the customer row: tags, NPS answers and link clicks, each by its index. */
@ApplicationScoped
public class CustomerActivityStore {

    public record NpsAnswer(Instant at, int score, String flowId) {}

    public record Click(Instant at, String link, String url) {}

    private final AgroalDataSource dataSource;

    public CustomerActivityStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<String> tags(long customerId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT tags FROM customers WHERE id = ?")) {
            st.setLong(1, customerId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next() || rs.getArray(1) == null) {
                    return List.of();
                }
                Array tags = rs.getArray(1);
                return Arrays.stream((Object[]) tags.getArray())
                        .map(String::valueOf)
                        .toList();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the tags of customer " + customerId, e);
        }
    }

    /** Newest first (survey_responses_customer_idx, V250). */
    public List<NpsAnswer> nps(long customerId, int limit) {
        List<NpsAnswer> answers = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("""
                        SELECT answered_at, score, flow_id FROM survey_responses WHERE customer_id = ?
                        ORDER BY answered_at DESC, id DESC LIMIT ?""")) {
            st.setLong(1, customerId);
            st.setInt(2, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    answers.add(new NpsAnswer(Jdbc.getInstant(rs, 1), rs.getInt(2), rs.getString(3)));
                }
            }
            return answers;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the NPS answers of customer " + customerId, e);
        }
    }

    /** Link clicks ({@code link_click} engagement events), newest first. */
    public List<Click> clicks(long customerId, int limit) {
        List<Click> clicks = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("""
                        SELECT at, properties ->> 'link', properties ->> 'url' FROM engagement_events
                        WHERE customer_id = ? AND type = 'link_click' ORDER BY at DESC, id DESC LIMIT ?""")) {
            st.setLong(1, customerId);
            st.setInt(2, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    clicks.add(new Click(Jdbc.getInstant(rs, 1), rs.getString(2), rs.getString(3)));
                }
            }
            return clicks;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the clicks of customer " + customerId, e);
        }
    }
}
