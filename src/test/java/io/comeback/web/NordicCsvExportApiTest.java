package io.comeback.web;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Exports asked for in Excel's Nordic dialect open right there: ';', decimal comma, UTF-8 with BOM, CRLF. */
@QuarkusTest
class NordicCsvExportApiTest {

    /** The ledger stamps changes with PostgreSQL's time; the export ends at the service clock's now (see CsvFormulaExportTest). */
    @BeforeEach
    void clockRunsWithRealTime() {
        TestClockProducer.CLOCK.ticking();
    }

    @Test
    void theConsentExportInTheNordicDialectKeepsÆøåAndSeparatesBySemicolons() {
        String id = TestData.id("nordic-export");
        String phone = TestData.norwegianMobile();
        given().body(Map.of(
                        "phone",
                        phone,
                        "consent",
                        Map.of("status", "opted_in", "source", "kasse", "text", "Ja; send meg tilbud på SMS, æøå")))
                .put("/api/customers/" + id)
                .then()
                .statusCode(201);

        byte[] body = given().queryParam("dialect", "excel-nordic")
                .get("/api/consent/export")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .extract()
                .asByteArray();
        assertThat(body[0] & 0xFF).isEqualTo(0xEF);
        assertThat(body[1] & 0xFF).isEqualTo(0xBB);
        assertThat(body[2] & 0xFF).isEqualTo(0xBF);
        String csv = new String(body, StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFFrecordedAt;at;phone;customerId;change;status;source;text;keyword\r\n");
        String line = csv.lines().filter(l -> l.contains(id)).findFirst().orElseThrow();
        assertThat(line).contains(";" + phone + ";" + id + ";").contains(";kasse;\"Ja; send meg tilbud på SMS, æøå\";");
        assertThat(csv).contains(line + "\r\n");

        // The default stays what it was: commas, no byte order mark.
        String standard = given().get("/api/consent/export")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(standard).startsWith("recordedAt,at,phone,customerId,change,status,source,text,keyword\r\n");
    }

    @Test
    void anUnknownDialectOrADialectForJsonIsRefusedNamingTheParameter() {
        given().queryParam("dialect", "excel-swiss")
                .get("/api/consent/export")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("dialect"));
        given().queryParam("dialect", "excel-swiss")
                .get("/api/reports/loyalty")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("dialect"));
        given().queryParam("dialect", "excel-nordic")
                .queryParam("format", "json")
                .get("/api/reports/nps")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("dialect"));
        given().queryParam("dialect", "excel-nordic")
                .get("/api/reports/nps")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"));
    }
}
