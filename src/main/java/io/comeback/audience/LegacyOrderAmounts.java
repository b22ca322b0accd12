package io.comeback.audience;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.money.ExchangeRates;
import io.comeback.audience.money.NoExchangeRate;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Converts the orders stored before amounts were converted (V275: {@code rate} null). Those in the reporting currency
 * count what they counted (rate 1, nothing else changes); each one in another currency is revised through
 * {@link OrderChanges} at today's rate, in a transaction of its own, so its customer's facts, its report facts and the
 * loyalty roll-ups follow. One whose currency has no rate keeps counting as it came until a rate is set (a warning
 * names it). Safe on every replica at once: a converted order is no longer picked, and changes of one order are
 * serialised.
 */
@ApplicationScoped
public class LegacyOrderAmounts {

    private static final Logger LOG = Logger.getLogger(LegacyOrderAmounts.class);

    private final AgroalDataSource dataSource;
    private final ExchangeRates rates;
    private final OrderChanges changes;
    private final StoredOrders stored;

    public LegacyOrderAmounts(
            AgroalDataSource dataSource, ExchangeRates rates, OrderChanges changes, StoredOrders stored) {
        this.dataSource = dataSource;
        this.rates = rates;
        this.changes = changes;
        this.stored = stored;
    }

    /** @return how many orders in other currencies were converted */
    public int convert() throws SQLException {
        List<String> foreign = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            for (String table : List.of("orders", "orders_not_counted")) {
                try (PreparedStatement st =
                        c.prepareStatement("UPDATE " + table + " SET rate = 1 WHERE rate IS NULL AND currency = ?")) {
                    st.setString(1, rates.currency());
                    st.executeUpdate();
                }
            }
            try (PreparedStatement st = c.prepareStatement("""
                            SELECT order_id FROM orders WHERE rate IS NULL
                            UNION ALL SELECT order_id FROM orders_not_counted WHERE rate IS NULL""");
                    ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    foreign.add(rs.getString(1));
                }
            }
        }
        int converted = 0;
        for (String orderId : foreign) {
            try {
                if (QuarkusTransaction.requiringNew().call(() -> revise(orderId))) {
                    converted++;
                }
            } catch (RuntimeException e) {
                Throwable cause = e;
                while (cause.getCause() != null && !(cause instanceof NoExchangeRate)) {
                    cause = cause.getCause();
                }
                LOG.warnf(
                        "Order %s, stored before amounts were converted, still counts as it came: %s",
                        orderId, cause instanceof NoExchangeRate ? cause.getMessage() : e.toString());
            }
        }
        return converted;
    }

    private boolean revise(String orderId) throws SQLException {
        Optional<StoredOrder> s;
        try (Connection c = dataSource.getConnection()) {
            s = stored.find(c, orderId);
        }
        if (s.isEmpty() || s.get().rate() != null) {
            return false;
        }
        changes.apply(s.get().revised(s.get().refunded(), s.get().payment()));
        return true;
    }
}
