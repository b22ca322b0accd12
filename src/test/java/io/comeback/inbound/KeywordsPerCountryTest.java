package io.comeback.inbound;

import static io.comeback.testing.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The keyword list configured for Swedish numbers ({@code %test.comeback.keywords.SE.opt-out}) applies to them only. */
@QuarkusTest
class KeywordsPerCountryTest {

    private static String customer(String phone) {
        String id = TestData.id("kw");
        given().body(Map.of("phone", phone, "consent", Map.of("status", "opted_in", "source", "checkout")))
                .put("/api/customers/" + id)
                .then()
                .statusCode(201);
        return id;
    }

    @Test
    void aWordOnlyTheSwedishListHasOptsOutASwedishNumberAndNotANorwegianOne() {
        String swedishPhone = TestData.swedishMobile();
        String swede = customer(swedishPhone);
        String norwegianPhone = TestData.norwegianMobile();
        String norwegian = customer(norwegianPhone);

        given().body(Map.of("from", norwegianPhone, "body", "Avbryt!"))
                .post("/simulator/inbound")
                .then()
                .statusCode(200);
        given().get("/api/customers/" + norwegian).then().body("consent.status", equalTo("opted_in"));

        given().body(Map.of("from", swedishPhone, "body", "Avbryt!"))
                .post("/simulator/inbound")
                .then()
                .statusCode(200)
                .body("answer", containsString("Du är nu avregistrerad"));
        given().get("/api/customers/" + swede).then().body("consent.status", equalTo("opted_out"));
        given().get("/api/customers/" + swede + "/consent").then().body("history[1].keyword", equalTo("AVBRYT"));
    }
}
