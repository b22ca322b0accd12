package io.comeback.reports;

import io.agroal.api.AgroalDataSource;
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

    public FlowReports(AgroalDataSource dataSource, ReportFlows flows) {
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
            Funnel funnel = FunnelQuery.run(c, flowId, from, to, window);
            Lift lift = LiftQuery.run(c, flowId, from, to, window);
            return new FlowReport(flowId, from, to, window, funnel, lift);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not compute the report of flow " + flowId, e);
        }
    }
}
