package io.comeback.reports;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.money.ExchangeRates;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/** A flow's funnel and lift over [from, to). README "Reports" defines every figure. */
@ApplicationScoped
public class FlowReports {

    private final AgroalDataSource dataSource;
    private final ReportFlows flows;

    private final ExchangeRates rates;

    public FlowReports(AgroalDataSource dataSource, ReportFlows flows, ExchangeRates rates) {
        this.rates = rates;
        this.dataSource = dataSource;
        this.flows = flows;
    }

    /** @return null when no flow of that id is in the catalog or ever ran (the API answers 404) */
    public FlowReport report(String flowId, Instant from, Instant to) {
        if (!flows.exists(flowId)) {
            return null;
        }
        Duration window = flows.attributionWindow(flowId);
        try (Connection c = dataSource.getConnection()) {
            // One snapshot for all figures, so they agree with each other while texts and orders keep coming.
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                FlowCounts counts = FlowCountsQuery.run(c, flowId, from, to);
                Funnel funnel = FunnelQuery.run(c, flowId, from, to, window, counts);
                Lift lift = LiftQuery.run(c, flowId, from, to, window, counts);
                return new FlowReport(flowId, from, to, window, funnel, lift, rates.currency());
            } finally {
                c.rollback();
                c.setTransactionIsolation(isolation);
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not compute the report of flow " + flowId, e);
        }
    }
}
