package io.comeback.flows;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.comeback.testing.Poll;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One file or one flow cannot stop the others, on the running service with its own watched flows folder
 * ({@link FlowFolderProfile}): a file nested thousands deep is listed as invalid with its line and the
 * watcher goes on to load the next file; a flow whose detection fails is reported with its error while
 * the flow after it is still detected.
 */
@QuarkusTest
@TestProfile(FlowFolderProfile.class)
class FlowFolderIsolationTest {

    /** Orders lie in 1989: as of then no customer of another test (all ordered later) is lapsed. */
    private static final Instant AS_OF = Instant.parse("1989-12-01T10:00:00Z");

    @Inject
    AgroalDataSource dataSource;

    private static List<Map<String, Object>> flows() {
        return given().get("/api/flows")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
    }

    private static Map<String, Object> flow(List<Map<String, Object>> flows, String id) {
        return flows.stream().filter(f -> id.equals(f.get("id"))).findFirst().orElse(null);
    }

    private static Map<String, Object> run(List<Map<String, Object>> runs, String flowId) {
        return runs.stream()
                .filter(r -> flowId.equals(r.get("flowId")))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aFileNestedThousandsDeepIsListedInvalidAndTheWatcherStillLoadsTheNextFile() throws Exception {
        String deep = "id: iso_deep\ntrigger: customer_created\nsteps:\n  - id: hello\n    send:\n      text: "
                + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
        Files.writeString(FlowFolderProfile.FOLDER.resolve("iso_deep.yaml"), deep);
        List<Map<String, Object>> listed =
                Poll.until("the deep file listed", FlowFolderIsolationTest::flows, f -> flow(f, "iso_deep") != null);
        Map<String, Object> refused = flow(listed, "iso_deep");
        assertThat(refused.get("status")).isEqualTo("invalid");
        assertThat(refused.get("problems").toString()).contains("line=6").contains("nested more than 50 levels deep");

        Files.writeString(FlowFolderProfile.FOLDER.resolve("iso_after.yaml"), """
                id: iso_after
                settings:
                  kind: transactional
                trigger: customer_created
                steps:
                  - id: hello
                    send:
                      text: "Hei!"
                """);
        List<Map<String, Object>> after =
                Poll.until("the next file loaded", FlowFolderIsolationTest::flows, f -> flow(f, "iso_after") != null);
        assertThat(flow(after, "iso_after").get("status")).isEqualTo("active");
        assertThat(flow(after, FlowFolderProfile.PLAIN_FLOW).get("status")).isEqualTo("active");
    }

    @Test
    void aFlowWhoseDetectionFailsIsReportedAndTheFlowAfterItIsStillDetected() throws Exception {
        String poisoned = customer("9".repeat(140_000));
        String plain = customer("7");

        List<Map<String, Object>> runs = given().post("/api/inactivity/detect?asOf=" + AS_OF)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");

        Map<String, Object> failed = run(runs, FlowFolderProfile.POISONED_FLOW);
        // One customer's attribute is a number PostgreSQL cannot hold: that flow's pass fails, and says why.
        assertThat((String) failed.get("failure")).contains("overflow");
        Map<String, Object> detected = run(runs, FlowFolderProfile.PLAIN_FLOW);
        assertThat(detected.get("failure")).isNull();
        assertThat(((Number) detected.get("matched")).intValue()).isGreaterThanOrEqualTo(2);
        List<Map<String, Object>> enrollments = given().get("/api/customers/" + plain + "/enrollments")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        assertThat(enrollments).extracting(e -> e.get("flowId")).containsExactly(FlowFolderProfile.PLAIN_FLOW);
        assertThat(given().get("/api/customers/" + poisoned + "/enrollments")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("flowId"))
                .containsExactly(FlowFolderProfile.PLAIN_FLOW);
    }

    /** An opted-in customer who last ordered 200 days before {@link #AS_OF}, with attribute score. */
    private String customer(String score) throws Exception {
        String id = TestData.id("iso");
        String phone = TestData.norwegianMobile();
        given().body(Map.of(
                        "phone",
                        phone,
                        "timeZone",
                        "Europe/Oslo",
                        "consent",
                        Map.of("status", "opted_in", "source", "checkout")))
                .put("/api/customers/" + id)
                .then()
                .statusCode(201);
        given().body(Map.of(
                        "orderId",
                        id + "-1",
                        "customerId",
                        id,
                        "total",
                        "250",
                        "currency",
                        "NOK",
                        "placedAt",
                        AS_OF.minus(Duration.ofDays(200)).toString()))
                .post("/api/orders")
                .then()
                .statusCode(201);
        // Straight into the table: the poisoned value stands for data that arrived by any route.
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "UPDATE customers SET attributes = attributes || jsonb_build_object('score', ?::text) WHERE external_id = ?")) {
            st.setString(1, score);
            st.setString(2, id);
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
        return id;
    }
}
