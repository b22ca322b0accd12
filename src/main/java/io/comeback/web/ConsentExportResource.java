package io.comeback.web;

import io.comeback.audience.ConsentHistory;
import io.comeback.audience.CsvDialect;
import io.comeback.audience.Instants;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

/**
 * {@code GET /api/consent/export?from=&to=&dialect=} — every consent change recorded in the period, as CSV, for audits
 * ({@code dialect=excel-nordic}: {@link CsvDialect}).
 */
@Path("/api/consent/export")
public class ConsentExportResource {

    private final ConsentHistory history;
    private final Clock clock;

    public ConsentExportResource(ConsentHistory history, Clock clock) {
        this.history = history;
        this.clock = clock;
    }

    @GET
    @Produces("text/csv")
    public Response export(
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("dialect") String dialectName) {
        CsvDialect dialect = CsvDialects.parse(dialectName);
        Instant start = bound("from", from, Instant.EPOCH);
        Instant end = bound("to", to, Instant.now(clock).plusSeconds(1));
        StreamingOutput body = out -> history.exportCsv(
                start, end, new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)), dialect);
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"consent-ledger.csv\"")
                .build();
    }

    private static Instant bound(String name, String raw, Instant fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        return Instants.parse(raw)
                .orElseThrow(() -> ProblemException.invalidField(name, Instants.problem(raw, "2026-01-01T00:00:00Z")));
    }
}
