package io.comeback.web;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.comeback.testing.EditorFlowsProfile;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Drafts, publishing, versions, diff and restore of a flow through the API, in a flows folder of the test's own. */
@QuarkusTest
@TestProfile(EditorFlowsProfile.class)
class FlowEditResourceTest {

    static String flow(String id, String text) {
        return """
                id: %s
                settings:
                  kind: transactional
                  default_locale: en
                trigger: customer_created
                steps:
                  - id: hello
                    send:
                      text:
                        en: "%s"
                """.formatted(id, text);
    }

    private static String unique() {
        return TestData.id("ed").toLowerCase().replaceAll("[^a-z0-9_-]", "-");
    }

    @Test
    void aDraftChangesNothingThatRunsAndPublishingWritesTheFileAndRecordsWho() throws Exception {
        String id = unique();
        Path file = EditorFlowsProfile.FOLDER.resolve(id + ".yaml");
        given().contentType("text/yaml")
                .body(flow(id, "Hello {{ customer.firstName }}"))
                .put("/api/flows/" + id + "/draft")
                .then()
                .statusCode(200)
                .body("origin", equalTo("draft"));
        assertThat(file).doesNotExist();
        given().get("/api/flows").then().body("id", org.hamcrest.Matchers.not(hasItem(id)));
        given().get("/api/flows/" + id + "/draft").then().statusCode(200).body("source", containsString("Hello"));

        // An empty body publishes the draft.
        String version = given().contentType("text/yaml")
                .body("")
                .post("/api/flows/" + id + "/publish")
                .then()
                .statusCode(200)
                .extract()
                .path("version");
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("Hello {{ customer.firstName }}");
        given().get("/api/flows").then().body("find { it.id == '" + id + "' }.version", equalTo(version));
        given().get("/api/flows/" + id + "/versions")
                .then()
                .statusCode(200)
                .body("[0].version", equalTo(version))
                .body("[0].publishedBy", org.hamcrest.Matchers.notNullValue())
                .body("[0].current", equalTo(true));
        // The draft is done once published: the published text is what the editor opens.
        given().get("/api/flows/" + id + "/draft").then().body("origin", equalTo("published"));
        try (var list = Files.list(EditorFlowsProfile.FOLDER)) {
            assertThat(list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")))
                    .as("no temporary file is left")
                    .isEmpty();
        }
    }

    @Test
    void anInvalidTextIsRefusedWithItsLineAndTheFileStaysAsItWas() throws Exception {
        String id = unique();
        given().contentType("text/yaml")
                .body(flow(id, "First"))
                .post("/api/flows/" + id + "/publish")
                .then()
                .statusCode(200);
        String typo = flow(id, "Second").replace("    send:", "    sned:");
        given().contentType("text/yaml")
                .body(typo)
                .post("/api/flows/" + id + "/publish")
                .then()
                .statusCode(422)
                .body("errors.line", hasItem(8));
        assertThat(Files.readString(EditorFlowsProfile.FOLDER.resolve(id + ".yaml")))
                .contains("First");
    }

    @Test
    void versionsCanBeViewedComparedAndRestored() {
        String id = unique();
        String v1 = publish(id, flow(id, "One"));
        String v2 = publish(id, flow(id, "Two"));
        assertThat(v1).isNotEqualTo(v2);
        given().get("/api/flows/" + id + "/versions/" + v1)
                .then()
                .statusCode(200)
                .body("source", containsString("One"));
        List<Map<String, Object>> diff = given().queryParam("against", v2)
                .get("/api/flows/" + id + "/versions/" + v1 + "/diff")
                .then()
                .statusCode(200)
                .extract()
                .path("lines");
        assertThat(diff)
                .filteredOn(l -> !"SAME".equals(l.get("kind")))
                .extracting(l -> l.get("kind") + " " + l.get("text"))
                .containsExactly("REMOVED         en: \"One\"", "ADDED         en: \"Two\"");

        given().post("/api/flows/" + id + "/versions/" + v1 + "/restore")
                .then()
                .statusCode(200)
                .body("version", equalTo(v1));
        given().get("/api/flows").then().body("find { it.id == '" + id + "' }.version", equalTo(v1));
        given().get("/api/flows/" + id + "/versions")
                .then()
                .body("[0].version", equalTo(v1))
                .body("[0].restoredFrom", equalTo(v1))
                .body("[0].current", equalTo(true));
        given().get("/api/flows/" + id + "/versions/nope").then().statusCode(404);
    }

    @Test
    void aDraftTextCanBeSimulatedWithSegmentCounts() {
        String id = unique();
        given().body(Map.of(
                        "source",
                        flow(id, "Hei {{ customer.firstName }}, velkommen!"),
                        "customer",
                        Map.of("firstName", "Nora", "phone", "+4791234567", "locale", "en", "timeZone", "Europe/Oslo"),
                        "start",
                        "2031-03-03T10:00:00Z",
                        "until",
                        "2031-06-03T10:00:00Z"))
                .post("/api/flows/" + id + "/simulate")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(200)
                .body("timeline.find { it.kind == 'send' }.text", equalTo("Hei Nora, velkommen!"))
                .body("timeline.find { it.kind == 'send' }.segments", equalTo(1));
    }

    @Test
    void aReadKeyMayNotPublishAndABadIdIsRefused() {
        String readKey = given().body(Map.of("name", TestData.id("ro"), "scope", "read"))
                .post("/api/keys")
                .then()
                .extract()
                .path("key");
        assertThat(readKey).isNotNull();
        RestAssured.given()
                .header("Authorization", "Bearer " + readKey)
                .contentType("text/yaml")
                .body(flow("ro", "x"))
                .post("/api/flows/ro/publish")
                .then()
                .statusCode(403);
        given().contentType("text/yaml")
                .body(flow("x", "x"))
                .post("/api/flows/Bad.Id/publish")
                .then()
                .statusCode(422);
    }

    private static String publish(String id, String text) {
        return given().contentType("text/yaml")
                .body(text)
                .post("/api/flows/" + id + "/publish")
                .then()
                .statusCode(200)
                .extract()
                .path("version");
    }
}
